package dev.cowatch.protocol;

import static dev.cowatch.protocol.SyncFrameJson.MAPPER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cowatch.core.room.Role;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server vouches for about a member to its peers (docs/protocol.md 3.13): its id, display name
 * and role in one room until an instant, and the public key its frames are signed with. The server
 * signs the credential's exact text ({@link #text()}), so peers never re-encode it to check it: the
 * text travels with every signed frame and is read back here. The web app's twin is
 * {@code web/src/p2p/peerCredential.ts}; the shared vectors
 * {@code protocol/src/test/resources/p2p/peer-credential-vectors.json} run on both.
 */
public record PeerCredential(String room, String memberId, String name, Role role, long expiresAtMs, String key) {
  /** What the server's signature is over: this prefix and the credential's text (no other signed text starts so). */
  static final String SIGNED_PREFIX = "cowatch peer credential v1\n";
  private static final int MAX_TEXT_CHARS = 1_024;

  public PeerCredential {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(key, "key");
  }

  /** The text the server signs and peers read: JSON with its fields in this order. */
  public String text() {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("v", 1).put("room", room).put("memberId", memberId).put("name", name).put("role", Wire.name(role))
        .put("expiresAtMs", expiresAtMs).put("key", key);
    return o.toString();
  }

  /** The server's signature of {@link #text()} ({@code server} is its credential key). */
  public String sign(PrivateKey server) {
    return PeerKeys.sign(server, SIGNED_PREFIX + text());
  }

  /**
   * The credential in {@code text}, if {@code signature} is the server's over exactly that text and it
   * is well formed (it says nothing yet about the room or the time: {@link PeerFrameGate} checks those).
   */
  public static Optional<PeerCredential> verified(String text, String signature, PublicKey server) {
    if (text == null || text.length() > MAX_TEXT_CHARS || !PeerKeys.verify(server, SIGNED_PREFIX + text, signature)) {
      return Optional.empty();
    }
    return read(text);
  }

  static Optional<PeerCredential> read(String text) {
    JsonNode o;
    try {
      o = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (o == null || !o.isObject() || !Objects.equals(SyncFrameJson.count(o.get("v")), 1L)) return Optional.empty();
    Role role = SyncFrameJson.role(o.get("role"));
    Long expires = SyncFrameJson.count(o.get("expiresAtMs"));
    String room = SyncFrameJson.text(o.get("room"));
    String name = SyncFrameJson.text(o.get("name"));
    String key = SyncFrameJson.text(o.get("key"));
    if (role == null || expires == null || room == null || room.isEmpty() || room.length() > 64
        || !SyncFrameJson.id(o.get("memberId")) || name == null || SyncFrames.characters(name) > SyncFrames.MAX_NAME_CHARS
        || key == null || PeerKeys.decode(key).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PeerCredential(room, o.get("memberId").textValue(), name, role, expires, key));
  }
}
