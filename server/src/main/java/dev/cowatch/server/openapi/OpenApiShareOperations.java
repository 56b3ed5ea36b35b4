package dev.cowatch.server.openapi;

import static dev.cowatch.server.openapi.OpenApiBuilder.arrayOf;
import static dev.cowatch.server.openapi.OpenApiBuilder.bool;
import static dev.cowatch.server.openapi.OpenApiBuilder.enumOf;
import static dev.cowatch.server.openapi.OpenApiBuilder.int64;
import static dev.cowatch.server.openapi.OpenApiBuilder.object;
import static dev.cowatch.server.openapi.OpenApiBuilder.str;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Media shares in the API document: who besides its owner may watch an item (docs/api.md, "Media shares"). */
final class OpenApiShareOperations {
  private OpenApiShareOperations() {}

  static void add(OpenApiBuilder b) {
    ObjectNode share = object().req("scope", enumOf("room", "friends"))
        .opt("roomId", str().put("description", "scope room: the room it is shared with"))
        .opt("viaFriends", bool().put("description", "scope room: a friend shared it there through the friends share"))
        .req("grantedBy", str()).req("grantedAt", int64()).node;
    b.op("GET", "/api/media/{mediaId}/shares", "The item's shares, oldest first (owner)").auth()
        .ok(200, object().req("shares", arrayOf(share)).node).problem(404, "media-not-found");
    b.op("POST", "/api/media/{mediaId}/shares", "Share the item with a room or with the owner's friends (owner)").auth()
        .body(object().opt("roomId", str()).opt("friends", bool()).node)
        .ok(201, share).problem(404, "media-not-found", "room-not-found").problem(409, "too-many-shares")
        .problem(422, "invalid-field");
    b.op("DELETE", "/api/media/{mediaId}/shares/friends", "Stop sharing with friends, and the rooms they shared it into")
        .auth().noContent().problem(404, "media-not-found", "share-not-found");
    b.op("DELETE", "/api/media/{mediaId}/shares/rooms/{roomId}", "Stop sharing with a room (owner)").auth().noContent()
        .problem(404, "media-not-found", "share-not-found");
  }
}
