package dev.cowatch.server.security;

import dev.cowatch.server.TestServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the Syncplay matrix's clients name: one room of each kind of {@link SyncplayAuthorizationMatrixTest#ROOM_KINDS},
 * made through the API by an account that owns the film they play.
 */
final class SyncplayWorld {
  /** What a client that guesses gives after the code. */
  static final String WRONG_PASSWORD = "not the password";
  private static final AtomicLong SERIAL = new AtomicLong();

  private final Map<String, String> rooms = new LinkedHashMap<>();

  SyncplayWorld(TestServer ts, MatrixHttp api) {
    String tag = "sp" + SERIAL.incrementAndGet();
    MatrixWorld.Actor owner = MatrixWorld.register(api, "owner", tag);
    String film = MatrixWorld.importFilm(ts, owner, tag);
    SyncplayAuthorizationMatrixTest.ROOM_KINDS.forEach((kind, settings) -> rooms.put(kind, MatrixWorld.expect(
        MatrixWorld.call(api, "POST", "/api/rooms", "{\"name\":\"" + kind + " " + tag + "\"," + settings
            + ",\"mediaId\":\"media:" + film + "\"}", owner.token()), 201).get("id").asText()));
  }

  /** Syncplay's room field as {@code actor} fills it in for the room of {@code kind}. */
  String roomField(String kind, String actor) {
    String code = rooms.get(kind);
    return switch (actor) {
      case "no-password" -> code;
      case "wrong-password" -> code + ":" + WRONG_PASSWORD;
      // A room without a password has none to give: the client gives the one the other rooms have.
      case "password" -> code + ":" + MatrixWorld.PASSWORD;
      default -> throw new IllegalArgumentException("no Syncplay actor " + actor);
    };
  }
}
