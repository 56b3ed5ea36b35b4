package dev.cowatch.client.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The partition that decides while the server is lost: this member and only the open peers that lost the server
 * too, in the authority order; the server's word on a role outranks a peer's credential.
 */
class PeerPartitionTest {
  private final PeerPartition partition = new PeerPartition();

  @Test
  void theOrder_holdsMe_andOnlyThePeersThatLostTheServer_theOwnerFirst() {
    partition.roleFromServer("m-me", Role.GUEST);
    partition.hello("m-own", Role.OWNER, true);
    partition.hello("m-mod", Role.MODERATOR, false); // still on the server: not in the partition

    partition.recompute("m-me", List.of("m-own", "m-mod"), ControlMode.EVERYONE);

    assertThat(partition.order()).containsExactly("m-own", "m-me");
    assertThat(partition.authority()).isEqualTo("m-own");
    partition.clear();
    assertThat(partition.authority()).isNull();
  }

  @Test
  void aRoleTheServerGave_outranksWhatAPeersCredentialSaid() {
    partition.roleFromServer("m-ann", Role.GUEST);
    partition.hello("m-ann", Role.OWNER, true);
    assertThat(partition.role("m-ann")).isEqualTo(Role.GUEST);

    partition.hello("m-bob", Role.MODERATOR, true);
    partition.roleFromServer("m-bob", Role.GUEST); // the server's list came later: it wins
    assertThat(partition.role("m-bob")).isEqualTo(Role.GUEST);
    assertThat(partition.role("m-nobody")).as("nobody vouched for them").isEqualTo(Role.GUEST);
  }

  @Test
  void inAModeratorsRoom_guestsAreNotInTheOrder_andSeniorityFollowsRole() {
    partition.hello("m-guest", Role.GUEST, true);
    partition.hello("m-mod", Role.MODERATOR, true);
    partition.roleFromServer("m-me", Role.GUEST);

    partition.recompute("m-me", List.of("m-guest", "m-mod"), ControlMode.MODERATORS);

    assertThat(partition.order()).containsExactly("m-mod");
    assertThat(partition.senior("m-mod", "m-guest")).isTrue();
    assertThat(partition.senior("m-guest", "m-mod")).isFalse();
  }
}
