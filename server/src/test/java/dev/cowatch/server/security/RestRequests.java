package dev.cowatch.server.security;

import dev.cowatch.server.security.MatrixHttp.Request;
import dev.cowatch.server.security.MatrixWorld.Actor;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request the matrix makes of a route for an actor: path parameters from the world, and the body
 * a client that may use the route would send, so that a refusal is about who asks and not about a
 * malformed request. Signed media URLs are the ones the actor itself could get.
 */
final class RestRequests {
  private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}|<(\\w+)>");
  /** Methods whose requests leave what they act on as it was: they share one world. */
  static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
  /** Routes on which one actor's success changes the next one's answer: each actor asks in a world of its own. */
  static final Set<String> ONE_WORLD_EACH = Set.of("POST /api/rooms/{roomId}/members/{userId}/kick",
      "PUT /api/rooms/{roomId}/members/{userId}/role", "POST /api/rooms/{roomId}/bans",
      "DELETE /api/rooms/{roomId}/bans/{userId}", "PUT /api/rooms/{roomId}/mutes/{userId}",
      "DELETE /api/rooms/{roomId}/mutes/{userId}", "DELETE /api/rooms/{roomId}/invites/{inviteId}");
  private static final Map<String, String> TUS = Map.of("Tus-Resumable", "1.0.0");

  private final MatrixHttp http;

  RestRequests(MatrixHttp http) {
    this.http = http;
  }

  Request of(String method, String route, MatrixWorld w, Actor a) {
    String path = fill(route, w);
    Actor owner = w.actor("owner");
    String member = w.actor("member").userId();
    return switch (method + " " + route) {
      case "POST /api/auth/register" -> json(method, path, "{\"email\":\"new-" + System.nanoTime()
          + "@example.test\",\"password\":\"" + MatrixWorld.PASSWORD + "\",\"displayName\":\"New\"}");
      case "POST /api/auth/login" -> json(method, path, "{\"email\":\"" + (a.email() == null ? "nobody@example.test"
          : a.email()) + "\",\"password\":\"" + MatrixWorld.PASSWORD + "\"}");
      case "POST /api/auth/refresh", "POST /api/auth/logout" -> json(method, path, "{\"refreshToken\":\""
          + (a.refreshToken() == null ? "none" : a.refreshToken()) + "\"}");
      case "POST /api/auth/guest" -> json(method, path, "{\"displayName\":\"Another guest\"}");
      case "POST /api/auth/upgrade" -> json(method, path, "{\"email\":\"upgraded-" + System.nanoTime()
          + "@example.test\",\"password\":\"" + MatrixWorld.PASSWORD + "\"}");
      case "POST /api/auth/verify-email" -> json(method, path, "{\"token\":\"not-a-token\"}");
      case "POST /api/auth/password-reset" -> json(method, path, "{\"email\":\"" + owner.email() + "\"}");
      case "POST /api/auth/password-reset/confirm" -> json(method, path, "{\"token\":\"not-a-token\",\"password\":\""
          + MatrixWorld.PASSWORD + "\"}");
      case "PATCH /api/me" -> json(method, path, "{\"displayName\":\"Renamed\"}");
      case "POST /api/me/password" -> json(method, path, "{\"currentPassword\":\"" + MatrixWorld.PASSWORD
          + "\",\"newPassword\":\"another horse battery\"}");
      // The owner's film named in a new room: finding 1 of issue 51.
      case "POST /api/rooms" -> json(method, path, "{\"name\":\"Another\",\"mediaId\":\"media:" + w.mediaId + "\"}");
      case "PATCH /api/rooms/{roomId}" -> json(method, path, "{\"name\":\"Renamed\"}");
      case "POST /api/rooms/{roomId}/access", "POST /api/rooms/{roomId}/invites", "POST /api/showings/{showingId}/enter"
          -> json(method, path, "{}");
      // Rooms with a password are asked with the right one: who it lets in (a ban still keeps out).
      case "POST /api/rooms/{passwordRoomId}/access", "POST /api/rooms/{privatePasswordRoomId}/access" ->
          json(method, path, "{\"password\":\"" + MatrixWorld.PASSWORD + "\"}");
      case "PUT /api/rooms/{roomId}/members/{userId}/role" -> json(method, path, "{\"role\":\"moderator\"}");
      case "POST /api/rooms/{roomId}/bans", "POST /api/rooms/{roomId}/owner" -> json(method, path,
          "{\"userId\":\"" + member + "\"}");
      case "PUT /api/rooms/{roomId}/mutes/{userId}" -> json(method, path, "{\"minutes\":5}");
      case "PUT /api/rooms/{roomId}/chat/slow-mode" -> json(method, path, "{\"seconds\":10}");
      case "POST /api/friends/requests" -> json(method, path, "{\"userId\":\"" + owner.userId() + "\"}");
      case "POST /api/friends/{userId}/invite" -> json(method, path, "{\"roomId\":\"" + w.roomId + "\"}");
      case "POST /api/me/notifications/read" -> json(method, path, "{\"upTo\":0}");
      // The owner's film in a new showing: finding 1 of issue 51 again.
      case "POST /api/showings" -> json(method, path, "{\"title\":\"Another\",\"startsAt\":\"" + MatrixWorld.inDays(40) + "\","
          + "\"timeZone\":\"UTC\",\"episodes\":[{\"mediaId\":\"media:" + w.mediaId + "\"}]}");
      case "PATCH /api/showings/{showingId}" -> json(method, path, "{\"startsAt\":\"" + MatrixWorld.inDays(50) + "\",\"timeZone\":\"UTC\"}");
      case "POST /api/showings/{showingId}/answer" -> json(method, path, "{\"going\":true}");
      case "POST /api/showings/{showingId}/invitees" -> json(method, path, "{\"userIds\":[]}");
      case "PATCH /api/media/{mediaId}" -> json(method, path, "{\"title\":\"Renamed\"}");
      case "GET /api/rtc/ice-servers" -> new Request(method, path + "?room=" + w.roomId, Map.of(), null);
      case "POST /api/media/{mediaId}/shares" -> json(method, path, "{\"friends\":true}");
      case "POST /api/media/{mediaId}/subtitles" -> new Request(method, path + "?label=Mine",
          Map.of("Content-Type", "text/vtt"), "WEBVTT\n\n00:00.000 --> 00:01.000\nMine\n");
      case "GET /api/media/{mediaId}/stream", "HEAD /api/media/{mediaId}/stream" ->
          new Request(method, signedUrl(w, a, "url").orElse(path), Map.of(), null);
      // The poster URL the actor was given; failing that, its stream URL's signature on the poster's path.
      case "GET /api/media/{mediaId}/poster" -> new Request(method, signedUrl(w, a, "posterUrl")
          .or(() -> signedUrl(w, a, "url").map(u -> path + u.substring(u.indexOf('?'))))
          .orElse(path), Map.of(), null);
      case "GET /api/media/{mediaId}/subtitles/{trackId}.vtt" -> new Request(method, trackUrl(w, a).orElse(path),
          Map.of(), null);
      case "POST /api/uploads" -> new Request(method, path, Map.of("Tus-Resumable", "1.0.0", "Upload-Length", "10"), null);
      case "PATCH /api/uploads/{mediaId}" -> new Request(method, path, Map.of("Tus-Resumable", "1.0.0",
          "Content-Type", "application/offset+octet-stream", "Upload-Offset", "0"), "0123456789");
      case "HEAD /api/uploads/{mediaId}", "DELETE /api/uploads/{mediaId}", "OPTIONS /api/uploads" ->
          new Request(method, path, TUS, null);
      case "POST /api/admin/bans" -> json(method, path, "{\"user\":\"" + member + "\",\"reason\":\"matrix\"}");
      case "POST /api/admin/notices" -> json(method, path, "{\"text\":\"matrix\",\"minutes\":5}");
      case "POST /api/admin/rooms/{roomId}/close" -> json(method, path, "{\"reason\":\"matrix\"}");
      default -> SAFE.contains(method) ? new Request(method, path, Map.of(), null) : json(method, path, "{}");
    };
  }

  /** The route with each parameter filled from the world (an upload's {@code mediaId} is the upload's). */
  static String fill(String route, MatrixWorld w) {
    Matcher m = PARAM.matcher(route);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      String value = route.startsWith("/api/uploads/") && name.equals("mediaId") ? w.uploadId : w.param(name);
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Request json(String method, String path, String body) {
    return Request.of(method, path, body);
  }

  /** A URL of the world's film that {@code POST /url} gave the actor, by its field name. */
  private java.util.Optional<String> signedUrl(MatrixWorld w, Actor a, String field) {
    MatrixHttp.Answer r = http.send(Request.of("POST", "/api/media/" + w.mediaId + "/url", null), a.token());
    if (r.status() != 200 || !r.json().hasNonNull(field)) return java.util.Optional.empty();
    return java.util.Optional.of(r.json().get(field).asText());
  }

  /** The world's subtitle track's URL as the actor's listing of the film's tracks gave it. */
  private java.util.Optional<String> trackUrl(MatrixWorld w, Actor a) {
    MatrixHttp.Answer r = http.send(Request.of("GET", "/api/media/" + w.mediaId + "/subtitles", null), a.token());
    if (r.status() != 200) return java.util.Optional.empty();
    for (var t : r.json().path("tracks")) {
      if (t.path("id").asText().equals(w.trackId) && t.hasNonNull("url")) return java.util.Optional.of(t.get("url").asText());
    }
    return java.util.Optional.empty();
  }
}
