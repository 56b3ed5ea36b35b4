package dev.cowatch.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 description of the HTTP API (docs/api.md), built in code so each route reads as
 * one line-group. {@code OpenApiTest} keeps it and the registered routes in step.
 *
 * <p>Problem {@code type}s are enumerated only where the contract names them; every operation
 * also has a {@code default} problem+json response.
 */
final class OpenApiDocument {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern PATH_PARAM = Pattern.compile("\\{(\\w+)}");
  private static final String PROBLEMS = "https://cowatch.dev/problems/";

  private final ObjectNode doc = F.objectNode();
  private final ObjectNode paths = doc.putObject("paths");
  private final ObjectNode schemas;

  private OpenApiDocument() {
    doc.put("openapi", "3.1.0");
    doc.putObject("info").put("title", "Cowatch API").put("version", "1")
        .put("description", "Watch together. REST under /api (JSON; errors are RFC 9457 problem+json), rooms over "
            + "WebSocket at /ws/rooms/{roomId}. Times are epoch milliseconds; bodies are at most 16 KiB.");
    ObjectNode components = doc.putObject("components");
    components.putObject("securitySchemes").putObject("bearer")
        .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
        .put("description", "Access token from a Session (15 minutes).");
    schemas = components.putObject("schemas");
  }

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
        .req("readiness", enumOf("ready", "buffering", "catchingUp"))
        .opt("driftMs", number()).opt("rttMs", number()));
    schema("Role", enumOf("owner", "moderator", "member", "guest"));
    schema("Visibility", enumOf("public", "unlisted", "private"));
    schema("ControlMode", enumOf("everyone", "moderators"));
    schema("BufferingPolicy", enumOf("waitForAll", "neverWait"));
    schema("Room", object().req("id", str()).req("name", str()).opt("visibility", ref("Visibility"))
        .opt("guestsAllowed", bool()).opt("passwordRequired", bool())
        .req("controlMode", ref("ControlMode")).req("bufferingPolicy", ref("BufferingPolicy"))
        .req("bufferWaitTimeoutMs", int64()).req("maxMembers", integer())
        .req("timeline", ref("Timeline")).req("members", arrayOf(ref("RoomMember")))
        .opt("access", object().opt("role", nullable(ref("Role")))
            .describe("The caller's standing in the room (null role: none yet)").node));
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
    op("GET", "/api/health", "Liveness").ok(200, object().req("status", enumOf("up")).opt("version", nullable(str()))
        .req("uptimeMs", int64()).req("rooms", integer()).req("connections", integer()).node);
    op("GET", "/api/ready", "Readiness for load balancers").ok(200, object().req("status", enumOf("ready")).node)
        .problem(503, "not-ready");
    op("GET", "/api/openapi.json", "This document").ok(200, object().node);

    // Identity
    op("POST", "/api/auth/register", "Create an account; a verification mail is sent")
        .body(object().req("email", str().put("format", "email").put("maxLength", 254)).req("password", password())
            .req("displayName", displayName()).node)
        .ok(201, ref("Session")).problem(409);
    op("POST", "/api/auth/login", "Sign in").body(object().req("email", str()).req("password", str()).node).ok(200, ref("Session"))
        .problem(401, "invalid-credentials").problem(429, "too-many-attempts");
    op("POST", "/api/auth/refresh", "New tokens for a refresh token (single use; reuse revokes its family)")
        .body(object().req("refreshToken", str()).node).ok(200, ref("Session")).problem(401, "invalid-refresh-token");
    op("POST", "/api/auth/logout", "End this session (its refresh family)")
        .body(object().req("refreshToken", str()).node).noContent();
    op("POST", "/api/auth/logout-all", "End every session of the user").auth().noContent();
    op("POST", "/api/auth/guest", "A new guest identity").body(object().req("displayName", displayName()).node)
        .ok(201, ref("Session"));
    op("POST", "/api/auth/upgrade", "Turn the calling guest into an account (same userId)").auth()
        .body(object().req("email", str().put("format", "email")).req("password", password())
            .opt("displayName", displayName()).node)
        .ok(200, ref("Session")).problem(409);
    op("POST", "/api/auth/verify-email", "Confirm an email address").body(object().req("token", str()).node)
        .ok(200, ref("User"));
    op("POST", "/api/auth/verify-email/resend", "Send the verification mail again").auth().accepted();
    op("POST", "/api/auth/password-reset", "Mail a reset link (202 whether or not the address is known)")
        .body(object().req("email", str()).node).accepted();
    op("POST", "/api/auth/password-reset/confirm", "Set a new password; all sessions end")
        .body(object().req("token", str()).req("password", password()).node).noContent();
    op("GET", "/api/me", "The caller").auth().ok(200, ref("User"));
    op("PATCH", "/api/me", "Change the caller's display name").auth()
        .body(object().req("displayName", displayName()).node).ok(200, ref("User"));
    op("POST", "/api/me/password", "Change the caller's password").auth()
        .body(object().req("currentPassword", str()).req("newPassword", password()).node).noContent();
    op("GET", "/api/me/rooms", "Rooms where the caller holds a role").auth()
        .ok(200, object().req("rooms", arrayOf(allOf(ref("RoomSummary"), object().req("role", ref("Role")).node)))
            .node);

    // Rooms
    op("POST", "/api/rooms", "Create a room; the caller owns it").auth().body(ref("RoomSettings"))
        .ok(201, ref("Room")).problem(422, "invalid-room-settings").problem(503, "room-capacity");
    op("GET", "/api/rooms/{roomId}", "A room's public snapshot, plus the caller's access").optionalAuth()
        .ok(200, ref("Room")).problem(404, "room-not-found");
    op("PATCH", "/api/rooms/{roomId}", "Change settings (changeSettings)").auth().body(ref("RoomSettings"))
        .ok(200, ref("Room")).problem(403).problem(404, "room-not-found").problem(422, "invalid-room-settings");
    op("DELETE", "/api/rooms/{roomId}", "Delete the room (owner)").auth().noContent().problem(403)
        .problem(404, "room-not-found");
    op("POST", "/api/rooms/{roomId}/access", "Ask to enter with a password or an invite").auth()
        .body(object().opt("password", str()).opt("invite", str()).node)
        .ok(200, object().req("role", ref("Role")).node).problem(403).problem(404, "room-not-found");
    op("GET", "/api/rooms/{roomId}/members", "Members and bans (members only)").auth()
        .ok(200, object().req("members", arrayOf(ref("Member"))).req("bans", arrayOf(ref("UserRef"))).node)
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
    op("POST", "/api/media/{mediaId}/url", "A signed streaming URL, for the owner or someone in a room playing it")
        .auth().ok(200, object().req("url", str().put("description", "path and query, valid until expiresAt"))
            .req("expiresAt", int64()).req("posterUrl", nullable(str())).node)
        .problem(403, "media-not-allowed").problem(404, "media-not-found").problem(409, "media-not-ready");
    for (String method : new String[] {"GET", "HEAD"}) {
      op(method, "/api/media/{mediaId}/stream", "The media's bytes (signed URL; Range, If-Range, If-None-Match)")
          .query("u", str(), "User the URL was issued to").query("exp", int64(), "Expiry, epoch ms")
          .query("sig", str(), "HMAC of the URL")
          .status(200, "The whole file").status(206, "One byte range (Content-Range)")
          .status(304, "Not modified (If-None-Match, If-Modified-Since)")
          .problem(403, "invalid-media-url").problem(404, "media-not-found").problem(416, "range-not-satisfiable");
    }
    op("GET", "/api/media/{mediaId}/poster", "The media's poster, a JPEG (signed URL, as for the stream)")
        .query("u", str(), "User the URL was issued to").query("exp", int64(), "Expiry, epoch ms")
        .query("sig", str(), "HMAC of the URL").status(200, "image/jpeg")
        .problem(403, "invalid-media-url").problem(404, "media-not-found", "poster-not-found");

    // Resumable uploads: tus 1.0.0 (core, creation, termination, expiration)
    op("OPTIONS", "/api/uploads", "tus discovery: version, extensions and the largest upload")
        .responseHeaders(204, "Tus-Resumable", "Tus-Version", "Tus-Extension", "Tus-Max-Size");
    op("POST", "/api/uploads", "Create an upload; it is a media item in status uploading from now on").auth()
        .header("Tus-Resumable", "1.0.0").header("Upload-Length", "The file's size in bytes")
        .header("Upload-Metadata", "filename, filetype, title, sha256 (lower-case hex), values in Base64")
        .responseHeaders(201, "Location", "Cowatch-Media-Id", "Upload-Expires", "Tus-Resumable")
        .problem(400, "invalid-upload").problem(412, "tus-version-unsupported")
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
        .problem(460, "checksum-mismatch");
    op("DELETE", "/api/uploads/{mediaId}", "Terminate an upload: its bytes and its media item are removed").auth()
        .header("Tus-Resumable", "1.0.0").noContent().problem(404, "upload-not-found").problem(409, "upload-busy");

    // Chat moderation
    op("PUT", "/api/rooms/{roomId}/mutes/{userId}", "Mute someone in the room's chat (moderate chat, outranking them)")
        .auth().body(object().opt("minutes", integer().put("minimum", 1).put("maximum", 10080)
            .put("description", "left out: until unmuted")).node)
        .noContent().problem(403, "not-allowed").problem(404, "room-not-found").problem(422, "invalid-mute");
    op("DELETE", "/api/rooms/{roomId}/mutes/{userId}", "Unmute").auth().noContent().problem(403, "not-allowed")
        .problem(404, "room-not-found");

    // Friends, blocks, notifications (accounts only; guests get 403 account-required)
    ObjectNode person = object().req("userId", str()).req("displayName", str()).node;
    op("GET", "/api/friends", "Friends with presence, pending requests both ways, blocked people").auth()
        .ok(200, object()
            .req("friends", arrayOf(allOf(person, object().req("since", int64()).req("online", bool())
                .req("watching", arrayOf(object().req("roomId", str()).req("name", str()).node)).node)))
            .req("incoming", arrayOf(allOf(person, object().req("at", int64()).node)))
            .req("outgoing", arrayOf(allOf(person, object().req("at", int64()).node)))
            .req("blocked", arrayOf(person)).node)
        .problem(403, "account-required");
    op("POST", "/api/friends/requests", "Ask someone (by userId or email) to be friends").auth()
        .body(object().opt("userId", str()).opt("email", str()).describe("exactly one of userId, email").node)
        .ok(201, object().req("status", enumOf("pending", "friends")).node)
        .status(200, "They had asked you already: you are friends now")
        .problem(403, "account-required", "guest-cannot-befriend", "blocked", "cannot-befriend")
        .problem(404, "not-found").problem(409, "too-many-requests", "too-many-friends");
    op("POST", "/api/friends/requests/{userId}/accept", "Accept a friend request").auth().noContent()
        .problem(404, "not-found").problem(409, "too-many-friends");
    op("POST", "/api/friends/requests/{userId}/decline", "Decline a friend request").auth().noContent()
        .problem(404, "not-found");
    op("DELETE", "/api/friends/requests/{userId}", "Cancel a request you sent").auth().noContent()
        .problem(404, "not-found");
    op("DELETE", "/api/friends/{userId}", "End a friendship").auth().noContent().problem(404, "not-found");
    op("POST", "/api/friends/{userId}/invite", "Invite a friend to a room: a notification and a mail with a link")
        .auth().body(object().req("roomId", str()).node).ok(201, object().req("link", str()).node)
        .problem(403, "not-friends", "not-in-room").problem(404, "room-not-found");
    op("PUT", "/api/blocks/{userId}", "Block someone: ends a friendship and drops requests both ways").auth()
        .noContent().problem(404, "not-found").problem(409, "too-many-blocks");
    op("DELETE", "/api/blocks/{userId}", "Unblock").auth().noContent().problem(404, "not-found");
    op("GET", "/api/me/notifications", "The caller's notifications, newest first (also a presence check-in)").auth()
        .query("before", int64(), "Only older than this notification id")
        .ok(200, object().req("notifications", arrayOf(object().req("id", int64())
                .req("kind", enumOf("friendRequest", "friendAccepted", "roomInvite", "showingInvite"))
                .req("actor", nullable(person)).req("data", object().describe("strings: roomId, roomName, link, ...").node)
                .req("createdAt", int64()).req("read", bool()).node))
            .req("unread", integer()).node);
    op("POST", "/api/me/notifications/read", "Mark notifications up to an id read").auth()
        .body(object().req("upTo", int64()).node).ok(200, object().req("marked", integer()).node);

    // Watch history
    op("GET", "/api/me/history", "What the caller watched, newest first (50 per page)").auth()
        .query("before", int64(), "Only older than this entry id")
        .ok(200, object().req("entries", arrayOf(object().req("id", int64()).req("roomId", str())
            .req("roomName", str()).req("mediaId", str()).req("startedAt", int64()).req("endedAt", nullable(int64()))
            .req("durationMs", int64()).req("with", arrayOf(str())).node)).node);
    op("DELETE", "/api/me/history/{entryId}", "Remove one of the caller's history entries").auth().noContent()
        .problem(404, "history-entry-not-found");

    // Scheduled showings
    ObjectNode episode = object().req("mediaId", str()).opt("title", str())
        .opt("durationMs", nullable(int64())).describe("every episode but the last needs durationMs (uploads know theirs)")
        .node;
    ObjectNode showing = object().req("id", str()).req("title", str()).opt("description", nullable(str()))
        .req("startsAt", int64()).req("timeZone", str()).req("endsAt", nullable(int64()))
        .req("visibility", enumOf("public", "unlisted", "private")).req("status", enumOf("scheduled", "cancelled"))
        .req("roomId", str()).req("link", str()).req("episodes", arrayOf(episode)).node;
    ObjectNode showingView = allOf(showing, object().req("ownerId", str()).req("going", arrayOf(person))
        .req("invited", arrayOf(person)).req("myAnswer", nullable(enumOf("invited", "going", "declined")))
        .req("mine", bool()).req("now", int64()).node);
    op("POST", "/api/showings", "Plan a showing: a room, a start, episodes, invitations and reminders").auth()
        .body(object().req("title", str()).opt("description", str())
            .req("startsAt", str().put("description", "local date-time, e.g. 2026-12-01T20:00"))
            .req("timeZone", str().put("description", "IANA zone, e.g. Europe/Berlin"))
            .opt("visibility", enumOf("public", "unlisted", "private")).req("episodes", arrayOf(episode))
            .opt("invitees", arrayOf(str())).node)
        .ok(201, showingView).problem(403, "account-required", "not-friends").problem(409, "too-many-showings")
        .problem(422, "invalid-showing");
    op("GET", "/api/showings", "The caller's upcoming showings (planned, invited, going)").auth()
        .ok(200, object().req("showings", arrayOf(showing)).node);
    op("GET", "/api/showings/{showingId}", "A showing's page: countdown, who is coming").optionalAuth()
        .ok(200, showingView).problem(404, "showing-not-found");
    op("PATCH", "/api/showings/{showingId}", "Move a showing (its planner); reminders follow").auth()
        .body(object().req("startsAt", str()).req("timeZone", str()).node).ok(200, showingView)
        .problem(403, "not-showing-owner").problem(404, "showing-not-found").problem(410, "showing-cancelled");
    op("DELETE", "/api/showings/{showingId}", "Cancel a showing (its planner); unsent reminders are dropped").auth()
        .noContent().problem(403, "not-showing-owner").problem(404, "showing-not-found")
        .problem(410, "showing-cancelled");
    op("GET", "/api/showings/{showingId}/calendar.ics", "The showing as an iCalendar event").optionalAuth()
        .status(200, "text/calendar").problem(404, "showing-not-found");
    op("POST", "/api/showings/{showingId}/answer", "Coming or not").auth().body(object().req("going", bool()).node)
        .noContent().problem(404, "showing-not-found").problem(410, "showing-cancelled");
    op("POST", "/api/showings/{showingId}/invitees", "Invite more friends (its planner)").auth()
        .body(object().req("userIds", arrayOf(str())).node).noContent().problem(403, "not-showing-owner", "not-friends")
        .problem(404, "showing-not-found");
    op("POST", "/api/showings/{showingId}/enter", "Enter the showing's room (invitees of a private showing get a role)")
        .auth().ok(200, object().req("roomId", str()).node).problem(403).problem(404, "showing-not-found")
        .problem(410, "showing-cancelled");

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
        .query("sig", str(), "HMAC of the URL, as for the stream")
        .okText(200, "text/vtt; charset=utf-8")
        .problem(403, "invalid-media-url").problem(404, "media-not-found", "subtitle-not-found")
        .problem(409, "media-not-ready");
  }

  // ---- builders

  /** One operation; path parameters come from the path, and every operation has a default problem. */
  private final class Op {
    private final ObjectNode opNode = F.objectNode();

    Op(String method, String path, String summary) {
      String verb = method.toLowerCase(java.util.Locale.ROOT);
      (paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path)).set(verb, opNode);
      opNode.put("summary", summary);
      opNode.put("operationId", verb + operationName(path));
      Matcher m = PATH_PARAM.matcher(path);
      ArrayNode params = F.arrayNode();
      while (m.find()) {
        params.addObject().put("name", m.group(1)).put("in", "path").put("required", true).set("schema", str());
      }
      if (!params.isEmpty()) opNode.set("parameters", params);
      opNode.putObject("responses").putObject("default").put("description", "Error")
          .putObject("content").putObject("application/problem+json").set("schema", ref("Problem"));
    }

    Op auth() {
      opNode.putArray("security").addObject().putArray("bearer");
      return problem(401);
    }

    /** Works without a token; with one the answer is about the caller. */
    Op optionalAuth() {
      ArrayNode security = opNode.putArray("security");
      security.addObject();
      security.addObject().putArray("bearer");
      return this;
    }

    Op body(JsonNode schema) {
      opNode.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
          .set("schema", schema);
      return problem(400, "malformed-body").problem(413, "body-too-large").problem(422);
    }

    /** A request body that is a file in one of {@code mediaTypes}, not JSON. */
    Op rawBody(String description, String... mediaTypes) {
      ObjectNode content = opNode.putObject("requestBody").put("required", true).put("description", description)
          .putObject("content");
      for (String type : mediaTypes) content.putObject(type).putObject("schema").put("type", "string");
      return this;
    }

    /** A text response (not JSON) of {@code mediaType}. */
    Op okText(int status, String mediaType) {
      ((ObjectNode) opNode.get("responses")).putObject(Integer.toString(status)).put("description", "OK")
          .putObject("content").putObject(mediaType).putObject("schema").put("type", "string");
      return this;
    }

    Op query(String name, ObjectNode schema, String description) {
      ArrayNode params = opNode.has("parameters") ? (ArrayNode) opNode.get("parameters") : opNode.putArray("parameters");
      params.addObject().put("name", name).put("in", "query").put("required", false).put("description", description)
          .set("schema", schema);
      return this;
    }

    /** A required request header. */
    Op header(String name, String description) {
      ArrayNode params = opNode.has("parameters") ? (ArrayNode) opNode.get("parameters") : opNode.putArray("parameters");
      params.addObject().put("name", name).put("in", "header").put("required", true).put("description", description)
          .set("schema", str());
      return this;
    }

    /** A request body of raw bytes. */
    Op rawBody(String contentType) {
      opNode.putObject("requestBody").put("required", true).putObject("content").putObject(contentType)
          .set("schema", str().put("format", "binary"));
      return this;
    }

    /** A response without a body that answers in these headers. */
    Op responseHeaders(int status, String... names) {
      ObjectNode response = ((ObjectNode) opNode.get("responses")).putObject(Integer.toString(status))
          .put("description", "OK");
      ObjectNode headers = response.putObject("headers");
      for (String name : names) headers.putObject(name).set("schema", str());
      return this;
    }

    Op ok(int status, JsonNode schema) {
      ((ObjectNode) opNode.get("responses")).putObject(Integer.toString(status)).put("description", "OK")
          .putObject("content").putObject("application/json").set("schema", schema);
      return this;
    }

    Op noContent() {
      return status(204, "Done");
    }

    Op accepted() {
      return status(202, "Accepted");
    }

    /** A response without a body. */
    Op status(int status, String description) {
      ((ObjectNode) opNode.get("responses")).putObject(Integer.toString(status)).put("description", description);
      return this;
    }

    Op extension(String name, boolean value) {
      opNode.put(name, value);
      return this;
    }

    /** An error response; {@code types} pins the problem types the contract names for it. */
    Op problem(int status, String... types) {
      ObjectNode responses = (ObjectNode) opNode.get("responses");
      ObjectNode schema;
      if (types.length == 0) {
        schema = ref("Problem");
      } else {
        ArrayNode uris = F.arrayNode();
        for (String t : types) uris.add(PROBLEMS + t);
        ObjectNode pinned = F.objectNode();
        pinned.putObject("properties").putObject("type").set("enum", uris);
        schema = allOf(ref("Problem"), pinned);
      }
      ObjectNode response = responses.putObject(Integer.toString(status));
      response.put("description", types.length == 0 ? "Problem" : String.join(", ", types));
      if (status == 429) {
        response.putObject("headers").putObject("Retry-After").put("description", "Seconds to wait")
            .set("schema", integer());
      }
      response.putObject("content").putObject("application/problem+json").set("schema", schema);
      return this;
    }
  }

  private Op op(String method, String path, String summary) {
    return new Op(method, path, summary);
  }

  private static String operationName(String path) {
    StringBuilder s = new StringBuilder();
    for (String part : path.replaceFirst("^/api/", "").split("[/.{}-]+")) {
      if (!part.isEmpty()) s.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return s.toString();
  }

  private void schema(String name, Obj schema) {
    schemas.set(name, schema.node);
  }

  private void schema(String name, ObjectNode schema) {
    schemas.set(name, schema);
  }

  /** An object schema; {@code req} fields are required. */
  private static final class Obj {
    final ObjectNode node = F.objectNode().put("type", "object");
    private final ObjectNode properties = node.putObject("properties");

    Obj req(String name, JsonNode schema) {
      properties.set(name, schema);
      (node.has("required") ? (ArrayNode) node.get("required") : node.putArray("required")).add(name);
      return this;
    }

    Obj opt(String name, JsonNode schema) {
      properties.set(name, schema);
      return this;
    }

    Obj describe(String description) {
      node.put("description", description);
      return this;
    }
  }

  private static Obj object() {
    return new Obj();
  }

  private static ObjectNode str() {
    return F.objectNode().put("type", "string");
  }

  private static ObjectNode integer() {
    return F.objectNode().put("type", "integer").put("format", "int32");
  }

  private static ObjectNode int64() {
    return F.objectNode().put("type", "integer").put("format", "int64");
  }

  private static ObjectNode number() {
    return F.objectNode().put("type", "number");
  }

  private static ObjectNode bool() {
    return F.objectNode().put("type", "boolean");
  }

  private static ObjectNode password() {
    return str().put("minLength", 10).put("maxLength", 200);
  }

  private static ObjectNode displayName() {
    return str().put("minLength", 1).put("maxLength", 40);
  }

  private static ObjectNode ref(String schema) {
    return F.objectNode().put("$ref", "#/components/schemas/" + schema);
  }

  private static ObjectNode arrayOf(JsonNode items) {
    ObjectNode n = F.objectNode().put("type", "array");
    n.set("items", items);
    return n;
  }

  private static ObjectNode enumOf(String... values) {
    ObjectNode n = F.objectNode().put("type", "string");
    ArrayNode e = n.putArray("enum");
    for (String v : values) e.add(v);
    return n;
  }

  private static ObjectNode allOf(JsonNode... parts) {
    ObjectNode n = F.objectNode();
    ArrayNode all = n.putArray("allOf");
    for (JsonNode p : parts) all.add(p);
    return n;
  }

  /** OpenAPI 3.1 (JSON Schema 2020-12) spells nullable as a second type, or oneOf with null for a $ref. */
  private static ObjectNode nullable(ObjectNode schema) {
    if (schema.has("$ref") || schema.has("enum")) {
      ObjectNode n = F.objectNode();
      n.putArray("oneOf").add(schema).addObject().put("type", "null");
      return n;
    }
    ObjectNode n = schema.deepCopy();
    n.putArray("type").add(schema.get("type").asText()).add("null");
    return n;
  }
}
