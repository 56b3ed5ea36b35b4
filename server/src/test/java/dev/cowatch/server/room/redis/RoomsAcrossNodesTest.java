package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.live.ClusterConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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

  /** Every node of a cluster signs and checks tokens with one secret. */
  private static final String JWT_SECRET = Base64.getEncoder().encodeToString(new byte[] {
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

  private TestServer node() {
    return new TestServer(TestServer.tempDir(), c -> c.database(database.config())
        .accounts(a -> a.withJwtSecret(JWT_SECRET))
        .cluster(new ClusterConfig(TestRedis.URL, prefix)), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    nodeA.close();
    nodeB.close();
    database.dispose().run();
    TestRedis.clean(prefix);
  }

  @Test
  void aPeerToPeerSignal_reachesTheMemberOnTheOtherNode_alone_andInOrder() {
    RoomId room = nodeA.createRoom("film.mp4");
    try (RawSocket ann = RawSocket.open(nodeA.wsUri(room.value()));
        RawSocket bob = RawSocket.open(nodeB.wsUri(room.value()));
        RawSocket cy = RawSocket.open(nodeB.wsUri(room.value()))) {
      String annId = ann.hello("Ann").memberId();
      String bobId = bob.hello("Bob").memberId();
      cy.hello("Cy");
      await().atMost(WAIT).until(() -> nodeA.server().rooms().service().find(room).orElseThrow().members().size() == 3);
      for (int i = 0; i < 4; i++) {
        ann.send("{\"type\":\"signal\",\"to\":\"" + bobId + "\",\"session\":\"s1\",\"purpose\":\"file\","
            + "\"kind\":\"candidate\",\"payload\":\"c" + i + "\"}");
      }
      await().atMost(WAIT).until(() -> bob.messages(ServerMessage.Signal.class).size() == 4);
      assertThat(bob.messages(ServerMessage.Signal.class)).extracting(ServerMessage.Signal::payload)
          .containsExactly("c0", "c1", "c2", "c3");
      assertThat(bob.messages(ServerMessage.Signal.class).get(0).from()).isEqualTo(annId);
      assertThat(cy.messages(ServerMessage.Signal.class)).isEmpty();
    }
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

  @Test
  void aMemberResumesOnAnotherNode_andALateCloseOnTheFirstDoesNotDisconnectIt() {
    RoomId room = nodeA.createRoom("film.mp4");
    RawSocket onA = RawSocket.open(nodeA.wsUri(room.value()));
    try (RawSocket onB = RawSocket.open(nodeB.wsUri(room.value()))) {
      ServerMessage.Joined first = onA.hello("Ann");

      ServerMessage.Joined again = onB.hello("Ann", first.resumeToken());

      assertThat(again.resumed()).isTrue();
      assertThat(again.memberId()).isEqualTo(first.memberId());
      onA.close(); // node A hears the old connection end only now
      MemberId ann = new MemberId(first.memberId());
      await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> nodeB.server().rooms().service().find(room)
          .orElseThrow().member(ann).orElseThrow().isConnected());
      assertThat(nodeA.server().rooms().service().find(room).orElseThrow().members()).hasSize(1);
    }
  }

  @Test
  void signingOutEverywhereOnOneNode_closesTheUsersRoomConnectionOnTheOther() throws Exception {
    RoomId room = nodeA.createRoom("film.mp4");
    JsonNode ann = post(nodeA, "/api/auth/register", null,
        "{\"email\":\"ann@example.org\",\"password\":\"Ann-password-1\",\"displayName\":\"Ann\"}");
    String token = ann.path("accessToken").asText();
    try (RawSocket onB = RawSocket.open(nodeB.wsUri(room.value()))) {
      assertThat(onB.helloWithToken("Ann", token)).as("node B takes node A's token").isNotNull();

      long before = System.nanoTime();
      assertThat(send(nodeA, "/api/auth/logout-all", token, "").statusCode()).isEqualTo(204);

      assertThat(onB.awaitClose(Duration.ofSeconds(1))).isEqualTo(CloseCodes.UNAUTHORIZED);
      System.out.println("signed out on node A, closed on node B after "
          + (System.nanoTime() - before) / 1_000_000 + " ms");
    }
  }

  @Test
  void aSiteAdminsBanOnOneNode_closesTheBannedUsersRoomConnectionOnTheOther_andANoticeReachesBoth() throws Exception {
    RoomId room = nodeA.createRoom("film.mp4");
    String ann = post(nodeA, "/api/auth/register", null,
        "{\"email\":\"ann@example.org\",\"password\":\"Ann-password-1\",\"displayName\":\"Ann\"}")
        .path("accessToken").asText();
    JsonNode ada = post(nodeA, "/api/auth/register", null,
        "{\"email\":\"ada@example.org\",\"password\":\"Ada-password-1\",\"displayName\":\"Ada\"}");
    nodeA.server().accounts().services().standing().grantAdmin(new UserId(ada.path("user").path("id").asText()),
        System.currentTimeMillis());
    String admin = ada.path("accessToken").asText();
    try (RawSocket onB = RawSocket.open(nodeB.wsUri(room.value())); RawSocket guestOnA = RawSocket.open(nodeA.wsUri(room.value()))) {
      assertThat(onB.helloWithToken("Ann", ann)).isNotNull();
      assertThat(guestOnA.hello("Gil")).isNotNull();

      HttpResponse<String> notice = send(nodeA, "/api/admin/notices", admin, "{\"text\":\"Back soon\",\"minutes\":5}");
      assertThat(notice.statusCode()).as(notice.body()).isEqualTo(201);
      for (RawSocket s : new RawSocket[] {onB, guestOnA}) {
        await().atMost(WAIT).until(() -> s.messages(ServerMessage.Notice.class).stream()
            .anyMatch(n -> n.text().equals("Back soon")));
      }

      long before = System.nanoTime();
      HttpResponse<String> ban = send(nodeA, "/api/admin/bans", admin,
          "{\"user\":\"ann@example.org\",\"reason\":\"spam\"}");
      assertThat(ban.statusCode()).as(ban.body()).isEqualTo(201);
      assertThat(onB.awaitClose(Duration.ofSeconds(1))).isEqualTo(CloseCodes.UNAUTHORIZED);
      System.out.println("banned on node A, closed on node B after " + (System.nanoTime() - before) / 1_000_000 + " ms");
      assertThat(send(nodeB, "/api/auth/login", null, "{\"email\":\"ann@example.org\",\"password\":\"Ann-password-1\"}")
          .statusCode()).as("node B refuses the banned account's sign-in").isEqualTo(403);
      assertThat(guestOnA.isClosed()).isFalse();
    }
  }

  private static JsonNode post(TestServer node, String path, String token, String json) throws Exception {
    HttpResponse<String> r = send(node, path, token, json);
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    return new ObjectMapper().readTree(r.body());
  }

  private static HttpResponse<String> send(TestServer node, String path, String token, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(node.baseUri().resolve(path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
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
