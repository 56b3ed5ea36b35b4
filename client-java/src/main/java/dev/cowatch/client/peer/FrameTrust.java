package dev.cowatch.client.peer;

import dev.cowatch.core.room.Role;
import dev.cowatch.protocol.PeerCredential;
import dev.cowatch.protocol.PeerFrameGate;
import dev.cowatch.protocol.PeerFrameSeal;
import dev.cowatch.protocol.PeerKeys;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.SyncFrame;
import java.security.KeyPair;
import java.security.PublicKey;

/**
 * This member's side of the peers' frame authentication (docs/protocol.md 3.13), the twin of the web
 * app's use of {@code peerFrameGate.ts}: the session's key pair, the credential the server issued for
 * it, the seal its frames go out with and the gate its peers' frames must pass. Until the server has
 * answered {@code peerKey} nothing goes out and nothing is taken. Not thread-safe: {@link PeerSync}'s lock.
 */
final class FrameTrust {
  /** A credential is asked for again this long before it expires (half of the server's hour). */
  static final long RENEW_BEFORE_MS = 30 * 60_000;
  /** Asked, and no answer yet: not asked again before this long. */
  static final long ASK_AGAIN_MS = 5_000;

  private final KeyPair keys;
  private final String publicKey;
  private PeerFrameSeal seal;
  private PeerFrameGate gate;
  private String serverKey;
  private PeerCredential own;
  /** When it last asked without an answer yet (null: not waiting). */
  private Long askedAtMs;

  FrameTrust() {
    this(PeerKeys.generate());
  }

  FrameTrust(KeyPair keys) {
    this.keys = keys;
    this.publicKey = PeerKeys.encode(keys.getPublic());
  }

  /** The session's public key, for {@code peerKey}. */
  String publicKey() {
    return publicKey;
  }

  /** This member's credential as the server issued it (null before the first). */
  PeerCredential own() {
    return own;
  }

  /** Whether to ask the server now: no credential yet, one about to expire, or one with another role or name than the room's. */
  boolean shouldAsk(long nowMs, Role role, String name) {
    if (askedAtMs != null && nowMs - askedAtMs < ASK_AGAIN_MS) return false;
    boolean stale = own == null || own.expiresAtMs() - nowMs < RENEW_BEFORE_MS
        || (role != null && role != own.role()) || (name != null && !name.equals(own.name()));
    if (stale) askedAtMs = nowMs;
    return stale;
  }

  /**
   * The server's answer to {@code peerKey}; false (and nothing changes) unless the credential checks out
   * with the server key it came with and vouches for this session's key.
   */
  boolean credential(ServerMessage.PeerCredentialIssued issued) {
    PublicKey server = PeerKeys.decode(issued.serverKey()).orElse(null);
    PeerCredential c = server == null ? null
        : PeerCredential.verified(issued.credential(), issued.signature(), server).orElse(null);
    if (c == null || !c.key().equals(publicKey)) return false;
    if (seal == null) {
      seal = new PeerFrameSeal(keys.getPrivate(), issued.credential(), issued.signature());
    } else {
      seal.renew(issued.credential(), issued.signature());
    }
    if (gate == null || !issued.serverKey().equals(serverKey)) gate = new PeerFrameGate(server, c.room());
    serverKey = issued.serverKey();
    own = c;
    askedAtMs = null;
    return true;
  }

  /** The signed envelope of {@code frame}; null while this member has no credential (its peers would drop it). */
  String seal(SyncFrame frame) {
    return seal == null ? null : seal.seal(frame);
  }

  /** A text from peer {@code from}: the frame to act on, or why not. */
  PeerFrameGate.Opened open(String from, String text, long nowMs) {
    return gate == null ? new PeerFrameGate.Refused("no credential of this member's yet") : gate.open(from, text, nowMs);
  }
}
