package dev.cowatch.server.openapi;

import static dev.cowatch.server.openapi.OpenApiBuilder.allOf;
import static dev.cowatch.server.openapi.OpenApiBuilder.arrayOf;
import static dev.cowatch.server.openapi.OpenApiBuilder.bool;
import static dev.cowatch.server.openapi.OpenApiBuilder.enumOf;
import static dev.cowatch.server.openapi.OpenApiBuilder.int64;
import static dev.cowatch.server.openapi.OpenApiBuilder.integer;
import static dev.cowatch.server.openapi.OpenApiBuilder.nullable;
import static dev.cowatch.server.openapi.OpenApiBuilder.object;
import static dev.cowatch.server.openapi.OpenApiBuilder.str;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The social side of the API document: chat moderation, friends, notifications, history, showings. */
final class OpenApiSocialOperations {
  private OpenApiSocialOperations() {}

  static void add(OpenApiBuilder b) {
    // Chat moderation
    b.op("PUT", "/api/rooms/{roomId}/mutes/{userId}", "Mute someone in the room's chat (moderate chat, outranking them)")
        .auth().body(object().opt("minutes", integer().put("minimum", 1).put("maximum", 10080)
            .put("description", "left out: until unmuted")).node)
        .noContent().problem(403, "not-allowed").problem(404, "room-not-found").problem(422, "invalid-mute");
    b.op("DELETE", "/api/rooms/{roomId}/mutes/{userId}", "Unmute").auth().noContent().problem(403, "not-allowed")
        .problem(404, "room-not-found");
    b.op("PUT", "/api/rooms/{roomId}/chat/slow-mode", "Slow mode: one line per N seconds for each writer but the room's staff (moderate chat)")
        .auth().body(object().req("seconds", integer().put("minimum", 0).put("maximum", 600)
            .put("description", "0 turns it off")).node)
        .noContent().problem(403, "not-allowed").problem(404, "room-not-found").problem(422, "invalid-argument");

    // Friends, blocks, notifications (accounts only; guests get 403 account-required)
    ObjectNode person = object().req("userId", str()).req("displayName", str()).node;
    b.op("GET", "/api/friends", "Friends with presence, pending requests both ways, blocked people").auth()
        .ok(200, object()
            .req("friends", arrayOf(allOf(person, object().req("since", int64()).req("online", bool())
                .req("watching", arrayOf(object().req("roomId", str()).req("name", str()).node)).node)))
            .req("incoming", arrayOf(allOf(person, object().req("at", int64()).node)))
            .req("outgoing", arrayOf(allOf(person, object().req("at", int64()).node)))
            .req("blocked", arrayOf(person)).node)
        .problem(403, "account-required");
    b.op("POST", "/api/friends/requests", "Ask someone (by userId or email) to be friends").auth()
        .body(object().opt("userId", str()).opt("email", str()).describe("exactly one of userId, email").node)
        .ok(201, object().req("status", enumOf("pending", "friends")).node)
        .status(200, "They had asked you already: you are friends now")
        .problem(403, "account-required", "guest-cannot-befriend", "blocked", "cannot-befriend")
        .problem(404, "not-found").problem(409, "too-many-requests", "too-many-friends");
    b.op("POST", "/api/friends/requests/{userId}/accept", "Accept a friend request").auth().noContent()
        .problem(404, "not-found").problem(409, "too-many-friends");
    b.op("POST", "/api/friends/requests/{userId}/decline", "Decline a friend request").auth().noContent()
        .problem(404, "not-found");
    b.op("DELETE", "/api/friends/requests/{userId}", "Cancel a request you sent").auth().noContent()
        .problem(404, "not-found");
    b.op("DELETE", "/api/friends/{userId}", "End a friendship").auth().noContent().problem(404, "not-found");
    b.op("POST", "/api/friends/{userId}/invite", "Invite a friend to a room: a notification and a mail with a link")
        .auth().body(object().req("roomId", str()).node).ok(201, object().req("link", str()).node)
        .problem(403, "not-friends", "not-in-room").problem(404, "room-not-found");
    b.op("PUT", "/api/blocks/{userId}", "Block someone: ends a friendship and drops requests both ways").auth()
        .noContent().problem(404, "not-found").problem(409, "too-many-blocks");
    b.op("DELETE", "/api/blocks/{userId}", "Unblock").auth().noContent().problem(404, "not-found");
    b.op("GET", "/api/me/notifications", "The caller's notifications, newest first (also a presence check-in)").auth()
        .query("before", int64(), "Only older than this notification id")
        .ok(200, object().req("notifications", arrayOf(object().req("id", int64())
                .req("kind", enumOf("friendRequest", "friendAccepted", "roomInvite", "showingInvite"))
                .req("actor", nullable(person)).req("data", object().describe("strings: roomId, roomName, link, ...").node)
                .req("createdAt", int64()).req("read", bool()).node))
            .req("unread", integer()).node);
    b.op("POST", "/api/me/notifications/read", "Mark notifications up to an id read").auth()
        .body(object().req("upTo", int64()).node).ok(200, object().req("marked", integer()).node);

    // Watch history
    b.op("GET", "/api/me/history", "What the caller watched, newest first (50 per page)").auth()
        .query("before", int64(), "Only older than this entry id")
        .ok(200, object().req("entries", arrayOf(object().req("id", int64()).req("roomId", str())
            .req("roomName", str()).req("mediaId", str()).req("startedAt", int64()).req("endedAt", nullable(int64()))
            .req("durationMs", int64()).req("with", arrayOf(str())).node)).node);
    b.op("DELETE", "/api/me/history/{entryId}", "Remove one of the caller's history entries").auth().noContent()
        .problem(404, "history-entry-not-found");

    // Peer-to-peer
    b.op("GET", "/api/rtc/ice-servers", "STUN/TURN servers for RTCPeerConnection, with short-lived TURN credentials")
        .auth().ok(200, object().req("iceServers", arrayOf(object().req("urls", arrayOf(str()))
            .opt("username", str()).opt("credential", str()).node))
            .req("expiresAt", nullable(int64())).node);

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
    b.op("POST", "/api/showings", "Plan a showing: a room, a start, episodes, invitations and reminders").auth()
        .body(object().req("title", str()).opt("description", str())
            .req("startsAt", str().put("description", "local date-time, e.g. 2026-12-01T20:00"))
            .req("timeZone", str().put("description", "IANA zone, e.g. Europe/Berlin"))
            .opt("visibility", enumOf("public", "unlisted", "private")).req("episodes", arrayOf(episode))
            .opt("invitees", arrayOf(str())).node)
        .ok(201, showingView).problem(403, "account-required", "not-friends").problem(409, "too-many-showings")
        .problem(422, "invalid-showing");
    b.op("GET", "/api/showings", "The caller's upcoming showings (planned, invited, going)").auth()
        .ok(200, object().req("showings", arrayOf(showing)).node);
    b.op("GET", "/api/showings/{showingId}", "A showing's page: countdown, who is coming").optionalAuth()
        .ok(200, showingView).problem(404, "showing-not-found");
    b.op("PATCH", "/api/showings/{showingId}", "Move a showing (its planner); reminders follow").auth()
        .body(object().req("startsAt", str()).req("timeZone", str()).node).ok(200, showingView)
        .problem(403, "not-showing-owner").problem(404, "showing-not-found").problem(410, "showing-cancelled");
    b.op("DELETE", "/api/showings/{showingId}", "Cancel a showing (its planner); unsent reminders are dropped").auth()
        .noContent().problem(403, "not-showing-owner").problem(404, "showing-not-found")
        .problem(410, "showing-cancelled");
    b.op("GET", "/api/showings/{showingId}/calendar.ics", "The showing as an iCalendar event").optionalAuth()
        .status(200, "text/calendar").problem(404, "showing-not-found");
    b.op("POST", "/api/showings/{showingId}/answer", "Coming or not").auth().body(object().req("going", bool()).node)
        .noContent().problem(404, "showing-not-found").problem(410, "showing-cancelled");
    b.op("POST", "/api/showings/{showingId}/invitees", "Invite more friends (its planner)").auth()
        .body(object().req("userIds", arrayOf(str())).node).noContent().problem(403, "not-showing-owner", "not-friends")
        .problem(404, "showing-not-found");
    b.op("POST", "/api/showings/{showingId}/enter", "Enter the showing's room (invitees of a private showing get a role)")
        .auth().ok(200, object().req("roomId", str()).node).problem(403).problem(404, "showing-not-found")
        .problem(410, "showing-cancelled");
  }
}
