package dev.cowatch.server.room.ws;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.PeerCredential;
import dev.cowatch.protocol.PeerKeys;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.room.RoomService;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Vouches for members to their peers (docs/protocol.md 3.13): a member sends its session's public key
 * ({@code peerKey}) and gets a credential with its id, display name and role in the room as the room
 * has them now, valid for {@link #TTL}, signed with the server's credential key. The key is derived
 * from the master secret ({@code Secrets.derive("peer-credential")}), so every node of a cluster signs
 * with the same one and a restart keeps credentials valid; its public half goes out with every
 * credential. Thread-safe: no state but the key.
 */
public final class PeerCredentials {
  /**
   * How long a credential holds. Peers check it while the server is away, so it must outlast an outage
   * worth riding out on the peers; a role taken away (or a member removed) still counts among peers
   * that lost the server until then. Clients ask again at half of it and when their role changes.
   */
  public static final Duration TTL = Duration.ofHours(1);

  private final KeyPair key;
  private final String publicKey;
  private final Clock clock;

  /** @param seed 32 secret bytes shared by every node (the master secret's key for "peer-credential") */
  public PeerCredentials(byte[] seed, Clock clock) {
    this.key = PeerKeys.fromSeed(seed);
    this.publicKey = PeerKeys.encode(key.getPublic());
    this.clock = clock;
  }

  /** The key peers check credentials with (base64url SubjectPublicKeyInfo). */
  public String publicKey() {
    return publicKey;
  }

  /** The credential of {@code member} in {@code room} for {@code key}, as the room has the member now. */
  ServerMessage.PeerCredentialIssued issue(RoomId room, Member member, String key) {
    PeerCredential c = new PeerCredential(room.value(), member.id().value(), member.displayName(), member.role(),
        clock.millis() + TTL.toMillis(), key);
    return new ServerMessage.PeerCredentialIssued(c.text(), c.sign(this.key.getPrivate()), publicKey);
  }

  /** Answers a member's {@code peerKey}: its credential, or {@code not_a_member} when the room no longer has it. */
  void answer(RoomService rooms, RoomId roomId, MemberId memberId, String key, SocketOutput output) {
    Optional<Member> member = rooms.queries().live(roomId).flatMap(r -> r.member(memberId));
    if (member.isEmpty()) {
      output.error(WireError.NOT_A_MEMBER, "you are no longer a member of this room", null, null);
      return;
    }
    output.peerCredential(issue(roomId, member.get(), key));
  }
}
