package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.room.ClusterConfig;
import dev.cowatch.server.room.RoomService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two whole servers sharing PostgreSQL and Redis ({@code --redis-url}), with members of one room on
 * both: every member sees the same timeline, whichever node decided it.
 */
class RoomsAcrossNodesTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final String prefix = TestRedis.freshPrefix();
  private final TestDatabases.ForServer database = TestDatabases.bothForServers().filter(n -> n.getName()
      .equals("postgresql")).findFirst().orElseThrow().getPayload().apply(TestServer.tempDir());
  private final TestServer nodeA = node();
  private final TestServer nodeB = node();

  private TestServer node() {
    return new TestServer(TestServer.tempDir(), c -> c.withDatabase(database.config())
        .withCluster(new ClusterConfig(TestRedis.URL, prefix)), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    nodeA.close();
    nodeB.close();
    database.dispose().run();
    TestRedis.clean(prefix);
  }

  @Test
  void membersOnTwoNodes_seeOneTimeline_whoeverDecides() {
    RoomId room = nodeA.createRoom("film.mp4");
    CowatchClient ann = nodeA.joined(room, "Ann");
    CowatchClient bob = nodeB.joined(room, "Bob");
    await().atMost(WAIT).until(() -> ann.memberCount() == 2 && bob.memberCount() == 2);

    ann.play();
    await().atMost(WAIT).until(() -> bob.timeline().state() == PlaybackState.PLAYING);
    assertThat(bob.timeline()).isEqualTo(ann.timeline());

    bob.seek(42_000);
    await().atMost(WAIT).until(() -> ann.timeline().anchorPositionMs() == 42_000);
    assertThat(ann.timeline()).isEqualTo(bob.timeline());
    assertThat(nodeB.server().rooms().service().find(room).orElseThrow().timeline())
        .isEqualTo(nodeA.server().rooms().service().find(room).orElseThrow().timeline());
  }

  @Test
  void chatWrittenOnOneNode_reachesMembersOnTheOther() {
    RoomId room = nodeA.createRoom("film.mp4");
    CowatchClient ann = nodeA.joined(room, "Ann");
    List<String> bobHeard = new CopyOnWriteArrayList<>();
    CowatchClient bob = nodeB.client(room, "Bob").build();
    bob.addListener(new dev.cowatch.client.ClientListener() {
      @Override
      public void onChat(ServerMessage message) {
        if (message instanceof ServerMessage.Chat chat) bobHeard.add(chat.message().text());
      }
    });
    nodeB.joined(bob);

    ann.chat("hello from node A");

    await().atMost(WAIT).until(() -> bobHeard.contains("hello from node A"));
  }

  /**
   * Members on both nodes add to the room's queue at once, three threads a node: each decision waits
   * for the room's lease on the other node, and every addition is in the room once.
   */
  @Test
  void concurrentDecisionsOnTwoNodes_areAllKept_once() throws Exception {
    RoomId room = nodeA.createRoom("film.mp4");
    RoomService onA = nodeA.server().rooms().service();
    RoomService onB = nodeB.server().rooms().service();
    MemberId annMember = onA.join(room, TestServer.OWNER, "Ann", null, b -> { }).memberId();
    MemberId bobMember = onB.join(room, new Identity(new UserId("u-test-bob"), Identity.Kind.ACCOUNT, "Bob"), "Bob",
        null, b -> { }).memberId();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int t = 0; t < 6; t++) {
      RoomService node = t % 2 == 0 ? onA : onB;
      MemberId who = t % 2 == 0 ? annMember : bobMember;
      int thread = t;
      threads.add(Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 15; i++) {
          try {
            var d = node.apply(room, who, new Intent.QueueAdd("item-" + thread + "-" + i, "media-" + i, null))
                .orElseThrow();
            if (d.isRejected()) failures.add(new AssertionError(d.rejection().message()));
          } catch (RuntimeException e) {
            failures.add(e);
          }
        }
      }));
    }
    for (Thread t : threads) t.join();

    assertThat(failures).isEmpty();
    Room seenByA = onA.find(room).orElseThrow();
    assertThat(seenByA.queue()).hasSize(90);
    assertThat(seenByA.queue().stream().map(q -> q.id()).distinct()).hasSize(90);
    assertThat(onB.find(room).orElseThrow()).isEqualTo(seenByA);
  }
}
