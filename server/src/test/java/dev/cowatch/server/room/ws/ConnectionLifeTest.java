package dev.cowatch.server.room.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.account.Authenticator.Authenticated;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.room.ws.ConnectionPhase.Admitting;
import dev.cowatch.server.room.ws.ConnectionPhase.AwaitingHello;
import dev.cowatch.server.room.ws.ConnectionPhase.Closed;
import dev.cowatch.server.room.ws.ConnectionPhase.Ending;
import dev.cowatch.server.room.ws.ConnectionPhase.Member;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ConnectionLifeTest {
  private static final SocketErrors.Close BYE = new SocketErrors.Close(1000, "bye");
  private static final SocketErrors.Close SIGNED_OUT = new SocketErrors.Close(4401, "signed out");
  private static final SocketErrors.Close KICKED = new SocketErrors.Close(4003, "removed");

  private final ConnectionLife life = new ConnectionLife();
  private final Authenticated ann = new Authenticated(
      new Identity(new UserId("ann-1"), Identity.Kind.ACCOUNT, "Ann"), "s1", 1);
  private final Member member = new Member(ann, new MemberId("m1"), () -> { });

  private void join() {
    life.beginAdmission();
    life.signedIn(ann);
    life.joined(member);
  }

  @Test
  void hello_signIn_join_isAwaitingThenAdmittingThenMember() {
    assertThat(life.now()).isEqualTo(new AwaitingHello(null));
    assertThat(life.beginAdmission()).isTrue();
    assertThat(life.beginAdmission()).as("one hello answered at a time").isFalse();
    assertThat(life.signedIn(ann)).isTrue();
    assertThat(life.now()).isEqualTo(new Admitting(ann));
    assertThat(life.joined(member)).isSameAs(member);
    assertThat(life.now().member()).isSameAs(member);
  }

  @Test
  void aRefusedHello_awaitsAnotherOne_rememberingWhoSignedIn() {
    life.beginAdmission();
    life.signedIn(ann);
    life.admissionOver();
    assertThat(life.now()).isEqualTo(new AwaitingHello(ann));
    assertThat(life.beginAdmission()).isTrue();
  }

  @Test
  void theFirstEndingsCode_isTheOneItClosesWith() {
    join();
    assertThat(life.end(BYE)).isTrue();
    assertThat(life.end(SIGNED_OUT)).isFalse();
    assertThat(life.removed(KICKED)).as("already ending: no second farewell").isFalse();
    assertThat(((Ending) life.now()).close()).isEqualTo(BYE);
    assertThat(life.now().reading()).isFalse();
  }

  @Test
  void leaving_isTheCallersOnce_andAfterTheRoomRemovedTheMember_noOnes() {
    join();
    assertThat(life.leave(BYE)).isSameAs(member);
    assertThat(life.leave(SIGNED_OUT)).isNull();

    ConnectionLife removed = new ConnectionLife();
    removed.beginAdmission();
    removed.signedIn(ann);
    removed.joined(member);
    assertThat(removed.removed(KICKED)).isTrue();
    assertThat(removed.leave(BYE)).as("the room let it go already").isNull();
    assertThat(((Ending) removed.now()).close()).isEqualTo(KICKED);
  }

  @Test
  void aMemberEndingForAnotherReason_stillLeavesOnce_keepingTheFirstCode() {
    join();
    life.end(SIGNED_OUT);
    assertThat(life.leave(BYE)).isSameAs(member);
    assertThat(life.now()).isEqualTo(new Ending(SIGNED_OUT, member, true));
  }

  @Test
  void manyThreadsLeavingAtOnce_tellTheRoomOnce() throws Exception {
    join();
    List<Member> toldTheRoom = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      threads.add(Thread.ofPlatform().start(() -> {
        awaitQuietly(go);
        Member m = life.leave(BYE);
        if (m != null) toldTheRoom.add(m);
      }));
    }
    go.countDown();
    for (Thread t : threads) t.join();
    assertThat(toldTheRoom).containsExactly(member);
  }

  @Test
  void closing_isOnce_withTheFirstCode_andRemembersTheMemberAndWhetherItLeft() {
    join();
    life.removed(KICKED);
    assertThat(life.close(4003)).isInstanceOf(Ending.class);
    assertThat(life.close(1012)).as("closed already").isNull();
    assertThat(life.close(0)).isNull();
    assertThat(life.now()).isEqualTo(new Closed(4003, member, true));
  }

  @Test
  void aJoinDecidedAfterTheClose_isTheJoinersToRelease() {
    life.beginAdmission();
    life.signedIn(ann);
    life.close(0);
    assertThat(life.signedIn(ann)).as("nothing to sign in for").isFalse();
    assertThat(life.joined(member)).isEqualTo(new Closed(0, member, false));
  }

  @Test
  void aJoinDecidedWhileEnding_isReleasedByTheClose() {
    life.beginAdmission();
    life.signedIn(ann);
    life.end(SIGNED_OUT);
    assertThat(life.joined(member)).isEqualTo(new Ending(SIGNED_OUT, member, false));
    assertThat(life.close(4401).member()).isSameAs(member);
  }

  @Test
  void joiningTwice_isABug() {
    join();
    assertThatThrownBy(() -> life.joined(member)).isInstanceOf(IllegalStateException.class);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
