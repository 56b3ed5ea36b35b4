package dev.cowatch.server.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cowatch.server.media.http.UploadRoutes;

/**
 * The OpenAPI 3.1 description of the HTTP API (docs/api.md), built in code so each route reads as
 * one line-group. {@code OpenApiTest} keeps it and the registered routes in step.
 *
 * <p>Problem {@code type}s are enumerated only where the contract names them; every operation
 * also has a {@code default} problem+json response.
 */
final class OpenApiDocument extends OpenApiBuilder {

  static ObjectNode build() {
    OpenApiDocument d = new OpenApiDocument();
    d.schemas();
    d.operations();
    return d.doc;
  }

  private void schemas() {
    schema("Problem", object()
        .req("type", str().put("format", "uri").put("description", "Stable: " + PROBLEMS + "<slug>"))
        .req("title", str()).req("status", integer()).opt("detail", str()).opt("instance", str())
        .opt("errors", arrayOf(object().req("field", str()).req("message", str()).node))
        .describe("RFC 9457 problem details; validation errors add errors[]."));
    schema("User", object().req("id", str()).req("kind", enumOf("account", "guest")).req("displayName", str())
        .opt("email", str().put("format", "email")).req("emailVerified", bool()));
    schema("Session", object().req("accessToken", str()).req("accessTokenExpiresAt", int64())
        .req("refreshToken", str()).req("user", ref("User")));
    schema("Timeline", object().req("mediaId", nullable(str())).req("state", enumOf("paused", "playing", "waiting"))
        .req("anchorPositionMs", int64()).req("anchorTimeMs", int64()).req("rate", number()).req("version", int64()));
    schema("RoomMember", object().req("id", str()).req("name", str()).req("role", ref("Role"))
        .req("connection", enumOf("connected", "disconnected"))
        .req("readiness", enumOf("ready", "buffering", "catchingUp", "needsClick"))
        .opt("driftMs", number()).opt("rttMs", number()).opt("client", enumOf("syncplay")));
    schema("Role", enumOf("owner", "moderator", "member", "guest"));
    schema("Visibility", enumOf("public", "unlisted", "private"));
    schema("ControlMode", enumOf("everyone", "moderators"));
    schema("BufferingPolicy", enumOf("waitForAll", "neverWait"));
    schema("Room", object().req("id", str()).req("name", str()).opt("visibility", ref("Visibility"))
        .opt("guestsAllowed", bool()).opt("passwordRequired", bool())
        .req("controlMode", ref("ControlMode")).req("bufferingPolicy", ref("BufferingPolicy"))
        .req("bufferWaitTimeoutMs", int64()).req("maxMembers", integer())
        .req("timeline", ref("Timeline")).req("members", arrayOf(ref("RoomMember"))).req("memberCount", integer())
        .opt("access", object().opt("role", nullable(ref("Role")))
            .describe("The caller's standing in the room (null role: none yet)").node));
    schema("RoomPreview", object().req("id", str())
        .opt("name", str().put("description", "Absent for a private room the caller holds no role in"))
        .opt("refusal", enumOf("password_required", "invite_required", "guests_not_allowed", "banned", "room_full")
            .put("description", "What the caller needs before entering; absent: they may walk in"))
        .opt("details", object().opt("owner", str()).req("presentCount", integer())
            .req("presentNames", arrayOf(str()).put("maxItems", 5))
            .opt("playing", object().req("title", str()).req("state", enumOf("paused", "playing", "waiting"))
                .req("positionMs", int64()).req("atMs", int64().put("description", "Server time of positionMs"))
                .opt("posterPath", str()).describe("Absent while nothing is chosen").node)
            .opt("startsAtMs", int64().put("description", "A scheduled start, server epoch ms"))
            .describe("Absent when a password or invite is needed, or the caller is banned: the link alone "
                + "shows no more than the room's name").node)
        .describe("Where a room link leads, shown before a name is asked"));
    schema("RoomSettings", object().opt("name", str().put("maxLength", 80)).opt("visibility", ref("Visibility"))
        .opt("password", nullable(str()).put("description", "null clears it (PATCH)")).opt("guestsAllowed", bool())
        .opt("controlMode", ref("ControlMode")).opt("bufferingPolicy", ref("BufferingPolicy"))
        .opt("bufferWaitTimeoutMs", int64()).opt("maxMembers", integer()).opt("mediaId", str()));
    schema("RoomSummary", object().req("id", str()).req("name", str()).req("visibility", ref("Visibility"))
        .opt("members", integer()).opt("mediaId", nullable(str())));
    schema("Member", object().req("userId", str()).req("displayName", str()).req("role", ref("Role"))
        .req("online", bool()));
    schema("Invite", object().req("id", str()).req("url", str().put("format", "uri")).req("expiresAt", int64())
        .req("maxUses", integer()).req("uses", integer()).opt("createdBy", str()).opt("createdAt", int64())
        .opt("revokedAt", nullable(int64())));
    schema("UserRef", object().req("userId", str()));
    schema("MediaItem", object().req("id", str()).req("mediaId", str().put("description", "media:<id>, for a room's timeline"))
        .req("title", str().put("minLength", 1).put("maxLength", 200)).req("fileName", str()).req("sizeBytes", int64())
        .opt("sha256", str()).req("contentType", str()).opt("container", str())
        .opt("videoCodec", str()).opt("audioCodec", str()).opt("durationMs", int64())
        .opt("width", integer()).opt("height", integer())
        .req("status", enumOf("uploading", "processing", "ready", "failed")).opt("failureMessage", str())
        .describe("Fields inspection fills in are absent until it has run.")
        .req("hasPoster", bool()).req("createdAt", int64()).req("updatedAt", int64())
        .req("receivedBytes", int64().put("description", "Bytes uploaded so far; sizeBytes once complete"))
        .req("progress", nullable(number().put("minimum", 0).put("maximum", 1))
            .put("description", "0..1 while processing (converting), else null"))
        .req("warnings", arrayOf(str()))
        .req("posterUrl", nullable(str()).put("description", "Signed poster URL for the caller, or null")));
    schema("MediaLimits", object().req("maxFileBytes", int64()).req("quotaBytes", int64())
        .req("usedBytes", int64().put("description", "Every item holding bytes, unfinished uploads at their length"))
        .req("tools", object().req("probing", bool()).req("converting", bool()).req("message", str()).node));
  }

  private void operations() {
    // For operators and tools
    op("GET", "/api/health", "Liveness").ok(200, object().req("status", enumOf("up")).req("version", str())
        .req("uptimeMs", int64()).req("rooms", integer()).req("connections", integer()).node);
    op("GET", "/api/ready", "Readiness for load balancers: database, disk for uploads, mail queue")
        .ok(200, object().req("status", enumOf("ready", "degraded")).req("checks", object().node).node)
        .problem(503, "not-ready");
    op("GET", "/api/openapi.json", "This document").ok(200, object().node);

    // Identity
    op("POST", "/api/auth/register", "Create an account; a verification mail is sent")
        .body(object().req("email", str().put("format", "email").put("maxLength", 254)).req("password", password())
            .req("displayName", displayName()).node)
        .ok(201, ref("Session")).problem(409).problem(429, "too-many-attempts");
    op("POST", "/api/auth/login", "Sign in").body(object().req("email", str()).req("password", str()).node).ok(200, ref("Session"))
        .problem(401, "invalid-credentials").problem(429, "too-many-attempts");
    op("POST", "/api/auth/refresh", "New tokens for a refresh token (single use; reuse revokes its family)")
        .body(object().req("refreshToken", str()).node).ok(200, ref("Session")).problem(401, "invalid-refresh-token");
    op("POST", "/api/auth/logout", "End this session (its refresh family)")
        .body(object().req("refreshToken", str()).node).noContent();
    op("POST", "/api/auth/logout-all", "End every session of the user").auth().noContent();
    op("POST", "/api/auth/guest", "A new guest identity").body(object().req("displayName", displayName()).node)
        .ok(201, ref("Session")).problem(429, "too-many-attempts");
    op("POST", "/api/auth/link-device", "A second session of the caller in a refresh family of its own (the browser "
        + "extension signing in as the web app's account)").auth().ok(201, ref("Session"));
    op("POST", "/api/auth/upgrade", "Turn the calling guest into an account (same userId)").auth()
        .body(object().req("email", str().put("format", "email")).req("password", password())
            .opt("displayName", displayName()).node)
        .ok(200, ref("Session")).problem(409);
    op("POST", "/api/auth/verify-email", "Confirm an email address").body(object().req("token", str()).node)
        .ok(200, ref("User"));
    op("POST", "/api/auth/verify-email/resend", "Send the verification mail again").auth().accepted()
        .problem(429, "too-many-attempts");
    op("POST", "/api/auth/password-reset", "Mail a reset link (202 whether or not the address is known)")
        .body(object().req("email", str()).node).accepted();
    op("POST", "/api/auth/password-reset/confirm", "Set a new password; all sessions end")
        .body(object().req("token", str()).req("password", password()).node).noContent();
    op("GET", "/api/me", "The caller").auth().ok(200, ref("User"));
    op("PATCH", "/api/me", "Change the caller's display name").auth()
        .body(object().req("displayName", displayName()).node).ok(200, ref("User"));
    op("POST", "/api/me/password", "Change the caller's password").auth()
        .body(object().req("currentPassword", str()).req("newPassword", password()).node).noContent()
        .problem(429, "too-many-attempts");
    op("GET", "/api/me/rooms", "Rooms where the caller holds a role").auth()
        .ok(200, object().req("rooms", arrayOf(allOf(ref("RoomSummary"), object().req("role", ref("Role")).node)))
            .node);

    // Rooms
    op("POST", "/api/rooms", "Create a room; the caller owns it").auth().body(ref("RoomSettings"))
        .ok(201, ref("Room")).problem(422, "invalid-room-settings").problem(400, "invalid-room-password")
        .problem(404, "media-not-found").problem(503, "room-capacity").problem(429, "too-many-rooms-created");
    op("GET", "/api/rooms/{roomId}", "The room as the caller may see it, plus the caller's access: whole to its"
        + " members, to a stranger only the fields docs/api.md's table 'What strangers see' allows").optionalAuth()
        .ok(200, ref("Room")).problem(404, "room-not-found");
    op("GET", "/api/rooms/{roomId}/preview", "Where a room link leads: name, who is there, what plays, what is needed")
        .optionalAuth().ok(200, ref("RoomPreview")).problem(404, "room-not-found");
    op("PATCH", "/api/rooms/{roomId}", "Change settings (changeSettings)").auth().body(ref("RoomSettings"))
        .ok(200, ref("Room")).problem(403).problem(404, "room-not-found").problem(422, "invalid-room-settings")
        .problem(400, "invalid-room-password");
    op("DELETE", "/api/rooms/{roomId}", "Delete the room (owner)").auth().noContent().problem(403)
        .problem(404, "room-not-found");
    op("POST", "/api/rooms/{roomId}/access", "Ask to enter with a password or an invite").auth()
        .body(object().opt("password", str()).opt("invite", str()).node)
        .ok(200, object().req("role", ref("Role")).node).problem(403).problem(404, "room-not-found")
        .problem(429, "too-many-password-guesses");
    op("GET", "/api/rooms/{roomId}/members", "Members and bans (members only)").auth()
        .ok(200, object().req("members", arrayOf(ref("Member"))).req("bans", arrayOf(ref("UserRef"))).node)
        .problem(403).problem(404, "room-not-found");
    op("GET", "/api/rooms/{roomId}/sync", "How in sync the room's players are now, from their own reports (staff)")
        .auth().ok(200, object().req("connected", integer()).req("reporting", integer()).req("inSync", integer())
            .req("deadBandMs", number()).opt("medianDriftMs", number()).opt("worstDriftMs", number())
            .opt("worstRttMs", number()).node)
        .problem(403).problem(404, "room-not-found");
    op("PUT", "/api/rooms/{roomId}/members/{userId}/role", "Change a member's role (changeRoles)").auth()
        .body(object().req("role", ref("Role")).node).ok(200, ref("Member")).problem(403).problem(404);
    op("POST", "/api/rooms/{roomId}/members/{userId}/kick", "Kick: their connections close (4006)").auth()
        .noContent().problem(403).problem(404);
    op("POST", "/api/rooms/{roomId}/bans", "Ban: kicked and kept out (4007)").auth().body(ref("UserRef"))
        .noContent().problem(403).problem(404);
    op("DELETE", "/api/rooms/{roomId}/bans/{userId}", "Lift a ban").auth().noContent().problem(403).problem(404);
    op("POST", "/api/rooms/{roomId}/owner", "Transfer ownership; the old owner becomes a moderator").auth()
        .body(ref("UserRef")).ok(200, ref("Room")).problem(403).problem(404);
    op("POST", "/api/rooms/{roomId}/invites", "Create an invite link").auth()
        .body(object().opt("expiresInSeconds", int64()).opt("maxUses", integer()).node)
        .ok(201, ref("Invite")).problem(403).problem(404, "room-not-found");
    op("GET", "/api/rooms/{roomId}/invites", "The room's invites").auth()
        .ok(200, object().req("invites", arrayOf(ref("Invite"))).node).problem(403).problem(404, "room-not-found");
    op("DELETE", "/api/rooms/{roomId}/invites/{inviteId}", "Revoke an invite").auth().noContent().problem(403)
        .problem(404);
    op("GET", "/api/invites/{token}", "What an invite link leads to")
        .ok(200, object().req("room", ref("RoomSummary")).req("expiresAt", int64()).req("usesLeft", integer()).node)
        .problem(404).problem(410);
    op("GET", "/api/directory", "Public rooms")
        .query("q", str(), "Text to look for in room names").query("limit", integer().put("minimum", 1), "At most this many")
        .ok(200, object().req("rooms", arrayOf(ref("RoomSummary"))).node);

    // Media library and streaming
    op("GET", "/api/media", "The caller's media items, newest first").auth()
        .ok(200, object().req("items", arrayOf(ref("MediaItem"))).node);
    op("GET", "/api/media/{mediaId}", "One of the caller's media items").auth().ok(200, ref("MediaItem"))
        .problem(404, "media-not-found");
    op("PATCH", "/api/media/{mediaId}", "Rename a media item (owner)").auth()
        .body(object().req("title", str().put("minLength", 1).put("maxLength", 200)).node).ok(200, ref("MediaItem"))
        .problem(404, "media-not-found");
    op("DELETE", "/api/media/{mediaId}", "Delete a media item and all its files (owner)").auth().noContent()
        .problem(404, "media-not-found");
    op("GET", "/api/media/limits", "The caller's upload limits, quota use and the server's media tools").auth()
        .ok(200, ref("MediaLimits"));
    op("POST", "/api/media/{mediaId}/url", "A signed streaming URL, for the owner or someone it is shared with")
        .auth().ok(200, object().req("url", str().put("description", "path and query, valid until expiresAt"))
            .req("expiresAt", int64()).req("posterUrl", nullable(str())).node)
        .problem(403, "media-not-allowed").problem(404, "media-not-found").problem(409, "media-not-ready");
    op("GET", "/api/media/{mediaId}/file-id", "The original's file: identity (size, SHA-256 of its first and last MiB), "
        + "for the owner or someone it is shared with").auth()
        .ok(200, object().req("fileId", str().put("pattern", "^file:[0-9]{1,19}:[0-9a-f]{64}$")).node)
        .problem(403, "media-not-allowed").problem(404, "media-not-found").problem(409, "media-not-ready");
    for (String method : new String[] {"GET", "HEAD"}) {
      op(method, "/api/media/{mediaId}/stream", "The media's bytes (signed URL; Range, If-Range, If-None-Match)")
          .query("u", str(), "User the URL was issued to").query("exp", int64(), "Expiry, epoch ms")
          .query("sig", str(), "HMAC of the URL, signed for this item's stream only")
          .status(200, "The whole file").status(206, "One byte range (Content-Range)")
          .status(304, "Not modified (If-None-Match, If-Modified-Since)")
          .problem(403, "invalid-media-url").problem(404, "media-not-found").problem(416, "range-not-satisfiable");
    }
    op("GET", "/api/media/{mediaId}/poster", "The media's poster, a JPEG (signed URL for the poster)")
        .query("u", str(), "User the URL was issued to").query("exp", int64(), "Expiry, epoch ms")
        .query("sig", str(), "HMAC of the URL, signed for this item's poster only").status(200, "image/jpeg")
        .problem(403, "invalid-media-url").problem(404, "media-not-found", "poster-not-found");

    // Resumable uploads: tus 1.0.0 (core, creation, termination, expiration)
    op("OPTIONS", "/api/uploads", "tus discovery: version, extensions and the largest upload")
        .responseHeaders(204, "Tus-Resumable", "Tus-Version", "Tus-Extension", "Tus-Max-Size");
    op("POST", "/api/uploads", "Create an upload; it is a media item in status uploading from now on").auth()
        .header("Tus-Resumable", "1.0.0").header("Upload-Length", "The file's size in bytes")
        .header("Upload-Metadata", "filename, filetype, title, sha256 (lower-case hex), values in Base64")
        .responseHeaders(201, "Location", "Cowatch-Media-Id", "Upload-Expires", "Tus-Resumable")
        .problem(400, "invalid-upload").problem(403, "guest-uploads-off").problem(412, "tus-version-unsupported")
        .problem(413, "media-too-large", "quota-exceeded");
    op("HEAD", "/api/uploads/{mediaId}", "Where an upload is (uploader only)").auth().header("Tus-Resumable", "1.0.0")
        .responseHeaders(200, "Upload-Offset", "Upload-Length", "Upload-Expires", "Cache-Control", "Tus-Resumable")
        .problem(404, "upload-not-found").problem(410, "upload-expired");
    op("PATCH", "/api/uploads/{mediaId}", "Append bytes at Upload-Offset; the last byte starts processing").auth()
        .header("Tus-Resumable", "1.0.0").header("Upload-Offset", "Where these bytes go: the current offset")
        .rawBody(UploadRoutes.OFFSET_OCTET_STREAM)
        .responseHeaders(204, "Upload-Offset", "Upload-Expires", "Tus-Resumable")
        .problem(404, "upload-not-found").problem(409, "offset-mismatch", "upload-busy", "upload-complete")
        .problem(410, "upload-expired").problem(413, "upload-too-long").problem(415, "unsupported-media-type")
        .problem(460, "checksum-mismatch").problem(507, "insufficient-storage");
    op("DELETE", "/api/uploads/{mediaId}", "Terminate an upload: its bytes and its media item are removed").auth()
        .header("Tus-Resumable", "1.0.0").noContent().problem(404, "upload-not-found").problem(409, "upload-busy");

    OpenApiSocialOperations.add(this);
    OpenApiShareOperations.add(this);
    OpenApiAdminOperations.add(this);
    subtitleOperations();


    // The room's WebSocket (protocol in docs/protocol.md).
    op("GET", "/ws/rooms/{roomId}", "WebSocket upgrade: the room's sync protocol (docs/protocol.md)")
        .status(101, "Switching Protocols: speak the room protocol").extension("x-websocket", true);
  }

  /** Subtitle tracks of media items (docs/api.md, "Subtitles"). */
  private void subtitleOperations() {
    schema("SubtitleTrack", object().req("id", str()).req("label", str().put("minLength", 1).put("maxLength", 100))
        .opt("language", str().put("description", "BCP 47 tag, absent when not given"))
        .req("url", str().put("description", "path and query of the WebVTT file, signed for the caller"))
        .req("cues", integer()).req("sourceFormat", enumOf("srt", "vtt")).req("sourceEncoding", str())
        .req("createdAt", int64()));
    op("GET", "/api/media/{mediaId}/subtitles", "The item's subtitle tracks, for whoever may stream it").auth()
        .ok(200, object().req("tracks", arrayOf(ref("SubtitleTrack"))).node)
        .problem(403, "media-not-allowed").problem(404, "media-not-found").problem(409, "media-not-ready");
    op("POST", "/api/media/{mediaId}/subtitles", "Add a subtitle track from an SRT or WebVTT file (owner)").auth()
        .query("label", str().put("maxLength", 100), "Shown in track menus; default: the language, else Subtitles")
        .query("language", str().put("maxLength", 35), "BCP 47 tag such as en or pt-BR")
        .rawBody("The SRT or WebVTT file itself, at most 2 MiB, in UTF-8, UTF-16 with a byte-order mark, "
            + "windows-1252, windows-1251 or KOI8-R", "application/x-subrip", "text/vtt", "text/plain",
            "application/octet-stream")
        .ok(201, allOf(ref("SubtitleTrack"), object().req("warnings", arrayOf(str())).node))
        .problem(404, "media-not-found").problem(409, "too-many-subtitles").problem(413, "subtitles-too-large")
        .problem(422, "invalid-subtitles", "invalid-subtitle-field");
    op("DELETE", "/api/media/{mediaId}/subtitles/{trackId}", "Delete a subtitle track (owner)").auth().noContent()
        .problem(404, "media-not-found", "subtitle-not-found");
    op("GET", "/api/media/{mediaId}/subtitles/{trackId}.vtt", "A subtitle track's WebVTT file (signed URL)")
        .query("u", str(), "User the URL was issued to").query("exp", int64(), "Expiry, epoch ms")
        .query("sig", str(), "HMAC of the URL, signed for this track only")
        .okText(200, "text/vtt; charset=utf-8")
        .problem(403, "invalid-media-url").problem(404, "media-not-found", "subtitle-not-found")
        .problem(409, "media-not-ready");
  }
}
