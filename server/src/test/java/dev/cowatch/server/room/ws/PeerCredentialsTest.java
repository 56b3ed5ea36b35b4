package dev.cowatch.server.room.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.client.ClientListener;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.AdminIntent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.PeerCredential;
import dev.cowatch.protocol.PeerKeys;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The server vouches for a member to its peers (docs/protocol.md 3.13): {@code peerKey} is answered with
 * a credential that checks out with the server key it comes with, for the asking member's id, name, role
 * and room, the key it sent, and an hour; asked again after a role change, it says the new role.
 */
class PeerCredentialsTest {
  @Test
  void peerKey_isAnsweredWithTheMembersCredential_signedByTheServer_andFollowsItsRole() {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      CowatchClient bob = ts.joined(room, "Bob");
      List<ServerMessage.PeerCredentialIssued> answers = new CopyOnWriteArrayList<>();
      bob.addListener(new ClientListener() {
        @Override
        public void onPeerCredential(ServerMessage.PeerCredentialIssued c) {
          answers.add(c);
        }
      });
      String key = PeerKeys.encode(PeerKeys.generate().getPublic());
      long asked = System.currentTimeMillis();

      assertThat(bob.peerKey(key)).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> answers.size() == 1);

      ServerMessage.PeerCredentialIssued issued = answers.getFirst();
      PeerCredential c = PeerCredential.verified(issued.credential(), issued.signature(),
          PeerKeys.decode(issued.serverKey()).orElseThrow()).orElseThrow();
      assertThat(c).isEqualTo(new PeerCredential(room.value(), bob.memberId(), "Bob", Role.GUEST, c.expiresAtMs(), key));
      assertThat(c.expiresAtMs() - asked).isBetween(PeerCredentials.TTL.toMillis() - 5_000, PeerCredentials.TTL.toMillis() + 5_000);
      assertThat(PeerCredential.verified(issued.credential().replace("guest", "owner"), issued.signature(),
          PeerKeys.decode(issued.serverKey()).orElseThrow())).as("the signature covers the role").isEmpty();

      var rooms = ts.server().rooms().service();
      rooms.administer(room, TestServer.OWNER.userId(), new AdminIntent.ChangeRole(
          rooms.find(room).orElseThrow().member(new MemberId(bob.memberId())).orElseThrow().userId(), Role.MODERATOR),
          Optional.empty());
      bob.peerKey(key);
      await().atMost(Duration.ofSeconds(5)).until(() -> answers.size() == 2);
      assertThat(answers.get(1).credential()).contains("\"role\":\"moderator\"");
      assertThat(answers.get(1).serverKey()).as("one server key").isEqualTo(issued.serverKey());
    }
  }
}
