package dev.cowatch.server.openapi;

import static dev.cowatch.server.openapi.OpenApiBuilder.arrayOf;
import static dev.cowatch.server.openapi.OpenApiBuilder.bool;
import static dev.cowatch.server.openapi.OpenApiBuilder.enumOf;
import static dev.cowatch.server.openapi.OpenApiBuilder.int64;
import static dev.cowatch.server.openapi.OpenApiBuilder.integer;
import static dev.cowatch.server.openapi.OpenApiBuilder.nullable;
import static dev.cowatch.server.openapi.OpenApiBuilder.number;
import static dev.cowatch.server.openapi.OpenApiBuilder.object;
import static dev.cowatch.server.openapi.OpenApiBuilder.str;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The site administrators' part of the API document (every route 403 not-an-admin for anyone else) and notices. */
final class OpenApiAdminOperations {
  private OpenApiAdminOperations() {}

  static void add(OpenApiBuilder b) {
    ObjectNode notice = object().req("id", str()).req("text", str()).req("createdAt", int64())
        .req("expiresAtMs", int64()).node;
    b.op("GET", "/api/notices", "Notices of the site's administrators shown now (open to anyone)")
        .ok(200, object().req("notices", arrayOf(notice)).node);
    b.op("GET", "/api/admin", "Whether the caller administers the site").auth()
        .ok(200, object().req("admin", bool()).req("userId", str()).req("name", str()).node)
        .problem(403, "not-an-admin");
    ObjectNode member = object().req("userId", str()).req("name", str()).req("role", str()).req("connected", bool())
        .req("readiness", str()).req("joinedAtMs", int64()).opt("driftMs", number()).opt("rttMs", number())
        .opt("client", str()).node;
    b.op("GET", "/api/admin/rooms", "Live rooms, busiest first (at most 200), with their members and activity").auth()
        .ok(200, object().req("rooms", arrayOf(object().req("id", str()).req("name", str()).req("visibility", str())
            .req("ownerId", str()).opt("ownerName", str()).req("state", enumOf("paused", "playing", "waiting"))
            .opt("mediaId", str()).opt("mediaTitle", str()).req("positionMs", int64())
            .req("timelineVersion", int64()).req("connected", integer()).req("memberCount", integer())
            .req("members", arrayOf(member)).node)).node)
        .problem(403, "not-an-admin");
    b.op("POST", "/api/admin/rooms/{roomId}/close", "Close a room for good: its members are told (bye closed)").auth()
        .body(object().req("reason", str()).node).noContent().problem(403, "not-an-admin")
        .problem(404, "room-not-found").problem(422, "invalid-field");
    ObjectNode ban = object().req("userId", str()).opt("name", str()).opt("email", str()).req("reason", str())
        .opt("bannedBy", str()).req("bannedAt", int64()).node;
    b.op("GET", "/api/admin/bans", "Accounts banned from the site, newest first").auth()
        .ok(200, object().req("bans", arrayOf(ban)).node).problem(403, "not-an-admin");
    b.op("POST", "/api/admin/bans", "Ban a user (by id or email) site-wide: its sessions end on every node").auth()
        .body(object().req("user", str()).req("reason", str()).node)
        .ok(201, object().req("userId", str()).req("reason", str()).req("bannedAt", int64()).node)
        .problem(403, "not-an-admin").problem(404, "user-not-found")
        .problem(409, "cannot-ban-yourself", "cannot-ban-an-admin").problem(422, "validation-failed");
    b.op("DELETE", "/api/admin/bans/{user}", "Lift a ban (user id or email)").auth().noContent()
        .problem(403, "not-an-admin").problem(404, "user-not-found", "not-banned");
    b.op("POST", "/api/admin/notices", "Show a notice to everyone online, live in rooms").auth()
        .body(object().req("text", str()).opt("minutes", integer().put("minimum", 1).put("maximum", 10080)
            .put("description", "how long it shows; default 60")).node)
        .ok(201, notice).problem(403, "not-an-admin").problem(422, "invalid-field");
    b.op("DELETE", "/api/admin/notices/{noticeId}", "Withdraw a notice").auth().noContent()
        .problem(403, "not-an-admin").problem(404, "notice-not-found");
    b.op("GET", "/api/admin/audit", "The audit log, newest first, with the whole chain verified").auth()
        .query("before", int64(), "Only rows with a lower seq (the previous page's nextBefore)")
        .query("limit", integer(), "Rows per page, 1-200, default 50")
        .ok(200, object().req("verification", object().req("status", enumOf("intact", "broken")).opt("rows", int64())
                .opt("headHash", str()).opt("brokenAt", int64()).opt("reason", str()).node)
            .req("entries", arrayOf(object().req("seq", int64()).req("at", int64()).req("action", str())
                .opt("actorId", str()).opt("subject", str()).req("details", object().node).opt("address", str())
                .req("hash", str()).node))
            .opt("nextBefore", nullable(int64())).node)
        .problem(403, "not-an-admin").problem(422, "invalid-field");
  }
}
