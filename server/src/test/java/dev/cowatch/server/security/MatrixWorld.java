package dev.cowatch.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.TestServer;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the matrix's requests act on, made through the API as users would make it: a private room of
 * {@code owner} (guests allowed) that plays the owner's uploaded film, with {@code moderator} and
 * {@code member} let in by an invite and {@code banned} let in and then banned; a subtitle track of the
 * film; a showing of it; an invite; a friend request from {@code member} to {@code owner}. The other
 * actors hold no role: {@code stranger} (an account), {@code stranger-guest}, {@code anonymous} (no
 * token) and {@code signed-out} (an account's access token after its session was signed out).
 *
 * <p>A request that may change what it acts on runs in a world of its own, so that no answer depends
 * on the order rows run in.
 */
final class MatrixWorld {
  static final String PASSWORD = "correct horse battery";
  static final byte[] FILM = new byte[4_096];
  private static final AtomicLong SERIAL = new AtomicLong();
  /**
   * Rooms of the owner's of other kinds than the private one, by the path parameter that names them in the
   * table's rows ({@code GET /api/rooms/{passwordRoomId}}): each plays the film, with {@code moderator},
   * {@code member} and {@code banned} let in as its kind lets people in (the password; an invite to a private
   * room) and {@code banned} then banned. Made when a request first names one.
   */
  static final Map<String, String> OTHER_ROOMS = new LinkedHashMap<>();

  static {
    OTHER_ROOMS.put("openRoomId", "\"visibility\":\"public\"");
    OTHER_ROOMS.put("passwordRoomId", "\"visibility\":\"public\",\"password\":\"" + PASSWORD + "\"");
    OTHER_ROOMS.put("noGuestsRoomId", "\"visibility\":\"public\",\"guestsAllowed\":false");
    OTHER_ROOMS.put("privatePasswordRoomId", "\"visibility\":\"private\",\"password\":\"" + PASSWORD + "\"");
  }

  /** One actor of this world; {@code token} null for {@code anonymous}. */
  record Actor(String name, String userId, String token, String refreshToken, String email) {}

  final Map<String, Actor> actors = new LinkedHashMap<>();
  final String roomId;
  final String mediaId;
  final String trackId;
  final String inviteId;
  final String inviteToken;
  final String showingId;
  /** An upload of the owner's still under way (tus). */
  final String uploadId;
  private final MatrixHttp api;
  private final String tag;
  private final Map<String, String> otherRooms = new LinkedHashMap<>();

  MatrixWorld(TestServer ts, MatrixHttp api) {
    this.api = api;
    tag = Long.toString(SERIAL.incrementAndGet());
    for (String name : new String[] {"owner", "moderator", "member", "banned", "stranger", "signed-out"}) {
      actors.put(name, register(api, name, tag));
    }
    actors.put("stranger-guest", session(call(api, "POST", "/api/auth/guest", "{\"displayName\":\"Guest" + tag + "\"}",
        null), "stranger-guest", null));
    actors.put("anonymous", new Actor("anonymous", null, null, null, null));
    Actor out = actors.get("signed-out");
    expect(call(api, "POST", "/api/auth/logout", "{\"refreshToken\":\"" + out.refreshToken() + "\"}", out.token()), 204);

    Actor owner = actors.get("owner");
    mediaId = importFilm(ts, owner, tag);
    roomId = expect(call(api, "POST", "/api/rooms", "{\"name\":\"Matrix " + tag + "\",\"visibility\":\"private\","
        + "\"guestsAllowed\":true,\"mediaId\":\"media:" + mediaId + "\"}", owner.token()), 201).get("id").asText();
    JsonNode invite = expect(call(api, "POST", "/api/rooms/" + roomId + "/invites", "{\"maxUses\":10}", owner.token()), 201);
    inviteId = invite.get("id").asText();
    inviteToken = invite.get("token").asText();
    for (String name : new String[] {"moderator", "member", "banned"}) {
      expect(call(api, "POST", "/api/rooms/" + roomId + "/access", "{\"invite\":\"" + inviteToken + "\"}",
          actors.get(name).token()), 200);
    }
    expect(call(api, "PUT", "/api/rooms/" + roomId + "/members/" + actors.get("moderator").userId() + "/role",
        "{\"role\":\"moderator\"}", owner.token()), 200);
    expect(call(api, "POST", "/api/rooms/" + roomId + "/bans", "{\"userId\":\"" + actors.get("banned").userId() + "\"}",
        owner.token()), 204);
    trackId = expect(call(api, "POST", "/api/media/" + mediaId + "/subtitles?label=English&language=en",
        "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n", owner.token()), 201).get("id").asText();
    showingId = expect(call(api, "POST", "/api/showings", "{\"title\":\"Night " + tag + "\",\"startsAt\":\"" + inDays(30) + "\","
        + "\"timeZone\":\"UTC\",\"episodes\":[{\"mediaId\":\"media:" + mediaId + "\"}]}", owner.token()), 201)
        .get("id").asText();
    MatrixHttp.Answer upload = api.send(new MatrixHttp.Request("POST", "/api/uploads", Map.of("Tus-Resumable", "1.0.0",
        "Upload-Length", "10", "Upload-Metadata", "filename ZmlsbS5tcDQ="), null), owner.token());
    expect(upload, 201);
    uploadId = upload.headers().firstValue("Cowatch-Media-Id").orElseThrow();
    expect(call(api, "POST", "/api/friends/requests", "{\"userId\":\"" + owner.userId() + "\"}",
        actors.get("member").token()), 201);
  }

  static MatrixHttp.Answer call(MatrixHttp http, String method, String path, String body, String token) {
    return http.send(MatrixHttp.Request.of(method, path, body), token);
  }

  Actor actor(String name) {
    Actor a = actors.get(name);
    if (a == null) throw new IllegalArgumentException("no actor " + name);
    return a;
  }

  /** The value of a route's path parameter in this world. */
  String param(String name) {
    if (OTHER_ROOMS.containsKey(name)) return otherRoom(name);
    return switch (name) {
      case "roomId" -> roomId;
      // Whom room staff act on, and whose friendship is asked about: the room's plain member.
      case "userId", "user" -> actor("member").userId();
      case "mediaId" -> mediaId;
      case "trackId" -> trackId;
      case "inviteId" -> inviteId;
      case "token" -> inviteToken;
      case "showingId" -> showingId;
      // Nobody's: these only ever exist for the site's staff or the caller itself.
      case "entryId", "noticeId" -> "1";
      default -> throw new IllegalArgumentException("MatrixWorld has no value for {" + name + "}: add one to param()");
    };
  }

  /** The room of that kind ({@link #OTHER_ROOMS}), made with its people the first time it is asked for. */
  String otherRoom(String param) {
    String id = otherRooms.get(param);
    if (id != null) return id;
    Actor owner = actor("owner");
    String settings = OTHER_ROOMS.get(param);
    id = expect(call(api, "POST", "/api/rooms", "{\"name\":\"" + param + " " + tag + "\"," + settings
        + ",\"mediaId\":\"media:" + mediaId + "\"}", owner.token()), 201).get("id").asText();
    String entry = settings.contains("private")
        ? "{\"invite\":\"" + expect(call(api, "POST", "/api/rooms/" + id + "/invites", "{\"maxUses\":10}", owner.token()),
            201).get("token").asText() + "\"}"
        : settings.contains("password") ? "{\"password\":\"" + PASSWORD + "\"}" : "{}";
    for (String name : new String[] {"moderator", "member", "banned"}) {
      expect(call(api, "POST", "/api/rooms/" + id + "/access", entry, actor(name).token()), 200);
    }
    expect(call(api, "PUT", "/api/rooms/" + id + "/members/" + actor("moderator").userId() + "/role",
        "{\"role\":\"moderator\"}", owner.token()), 200);
    expect(call(api, "POST", "/api/rooms/" + id + "/bans", "{\"userId\":\"" + actor("banned").userId() + "\"}",
        owner.token()), 204);
    otherRooms.put(param, id);
    return id;
  }

  /** A local start time {@code days} from now, as showings take it (they must start within a year). */
  static String inDays(int days) {
    return java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusDays(days).withSecond(0).withNano(0).toString();
  }

  static String importFilm(TestServer ts, Actor owner, String tag) {
    try {
      return ts.server().media().library().importFile(new UserId(owner.userId()), "Film " + tag, "film.mp4",
          "video/mp4", new ByteArrayInputStream(FILM), FILM.length).id();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Actor register(MatrixHttp api, String name, String tag) {
    String email = name.replace("-", "") + tag + "-" + Long.toHexString(System.nanoTime()) + "@example.test";
    String display = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1) + " " + tag;
    return session(call(api, "POST", "/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
        + "\",\"displayName\":\"" + display + "\"}", null), name, email);
  }

  private static Actor session(MatrixHttp.Answer r, String name, String email) {
    JsonNode json = expect(r, 201);
    return new Actor(name, json.get("user").get("id").asText(), json.get("accessToken").asText(),
        json.get("refreshToken").asText(), email);
  }

  static JsonNode expect(MatrixHttp.Answer r, int status) {
    if (r.status() != status) throw new AssertionError("setting up the matrix's world: want " + status + ", got " + r);
    return r.json();
  }
}
