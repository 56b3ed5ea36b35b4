package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cowatch.core.room.Connection;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.live.ClusterConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Redis goes away while a node runs (its connections cut by a relay in between): the node refuses
 * what needs Redis with a clear error instead of hanging, and comes back by itself, with the room as
 * it was, once Redis answers again.
 */
class RedisOutageTest {
  private final String prefix = TestRedis.freshPrefix();
  private final CuttableProxy redis = new CuttableProxy(URI.create(TestRedis.URL).getPort());
  private final TestServer node = new TestServer(TestServer.tempDir(),
      c -> c.cluster(new ClusterConfig("redis://127.0.0.1:" + redis.port(), prefix)), Clock.systemUTC());

  RedisOutageTest() throws Exception {}

  private boolean nodeClosed;

  @AfterEach
  void close() throws Exception {
    if (!nodeClosed) node.close();
    redis.close();
    TestRedis.clean(prefix);
  }

  @Test
  void aHealthReportTheRoomCannotTakeDuringAnOutage_isDroppedWithoutAnError_andThePlayerIsNotDisconnected()
      throws Exception {
    RoomId room = node.createRoom("film.mp4");
    try (RawSocket ann = RawSocket.open(node.wsUri(room.value()))) {
      ann.hello("Ann");
      redis.cut();
      // News for the room (no figures kept yet): it is asked, and Redis does not answer within its 2 s.
      ann.send("{\"type\":\"report\",\"driftMs\":12.0,\"rttMs\":30.0}");
      Thread.sleep(3_000);
      ann.send("{\"type\":\"ping\",\"t0\":7}");
      await().atMost(Duration.ofSeconds(5)).until(() -> ann.messages(ServerMessage.Pong.class).stream()
          .anyMatch(p -> p.t0() == 7L));
      assertThat(ann.messages(ServerMessage.Error.class)).as("no toast for a background report").isEmpty();
      assertThat(ann.isClosed()).isFalse();
      // An intent in the same outage is still refused with its reason (see the test below).
      long version = ann.messages(ServerMessage.Joined.class).getFirst().room().timeline().version();
      ann.send("{\"type\":\"play\",\"version\":" + version + ",\"ref\":\"p\"}");
      assertThat(ann.awaitError("unavailable").ref()).isEqualTo("p");
      redis.restore();
      awaitRedisBack(room);
    }
  }

  @Test
  void duringAnOutage_joinsAreRefusedClearly_andAfterIt_theRoomIsAsItWas() throws Exception {
    RoomId room = node.createRoom("film.mp4");
    try (RawSocket ann = RawSocket.open(node.wsUri(room.value()))) {
      MemberId annMember = new MemberId(ann.hello("Ann").memberId());

      redis.cut();

      try (RawSocket bob = RawSocket.open(node.wsUri(room.value()))) {
        // The node may refuse as the socket opens (the room cannot be looked up) or at the hello: the
        // same error and close either way, so the hello may find the socket already closed.
        bob.trySend("{\"type\":\"hello\",\"protocol\":1,\"name\":\"Bob\"}");
        ServerMessage.Error refused = bob.awaitError("unavailable");
        assertThat(refused.message()).contains("Redis");
        assertThat(bob.awaitClose(Duration.ofSeconds(5))).isEqualTo(CloseCodes.TRY_AGAIN_LATER);
      }
      // A member already in: its intent is refused with the reason, and its connection stays.
      long version = ann.messages(ServerMessage.Joined.class).getFirst().room().timeline().version();
      ann.send("{\"type\":\"play\",\"version\":" + version + ",\"ref\":\"during-outage\"}");
      ServerMessage.Error intentRefused = ann.awaitError("unavailable");
      assertThat(intentRefused.ref()).isEqualTo("during-outage");
      assertThat(ann.isClosed()).as("refused, not disconnected").isFalse();
      assertThatThrownBy(() -> node.createRoom("other.mp4")).isInstanceOfSatisfying(Refusal.class, r -> {
        assertThat(r.type()).isEqualTo("unavailable");
        assertThat(r.status()).isEqualTo(503);
      });

      redis.restore();

      awaitRedisBack(room);
      assertThat(node.server().rooms().service().find(room).orElseThrow().member(annMember))
          .as("the room in Redis kept its member").isPresent();
    }
  }

  /**
   * A connection that drops while the room cannot be asked (Redis away) leaves a member the room still shows as
   * connected; the node asks again after each pause (LateDepartures) and, once Redis answers, the member is shown
   * disconnected, and not later, when it might have come back.
   */
  @Test
  void aMemberWhoseConnectionDropsDuringAnOutage_isMarkedDisconnectedOnceRedisIsBack() throws Exception {
    RoomId room = node.createRoom("film.mp4");
    try (RawSocket ann = RawSocket.open(node.wsUri(room.value()));
        RawSocket ben = RawSocket.open(node.wsUri(room.value()))) {
      ann.hello("Ann");
      MemberId benMember = new MemberId(ben.hello("Ben").memberId());

      // The node's attempt to mark Ben disconnected must meet the outage; were it to come after the restore, it
      // would succeed by itself and this test would pass without the asking again.
      Logger closing = (Logger) LoggerFactory.getLogger("dev.cowatch.server.room.ws.Closing");
      ListAppender<ILoggingEvent> refusals = new ListAppender<>();
      refusals.start();
      closing.addAppender(refusals);
      try {
        redis.cut();
        ben.abort();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
          List<ILoggingEvent> seen;
          synchronized (refusals) { // AppenderBase appends under the appender's own lock
            seen = List.copyOf(refusals.list);
          }
          return seen.stream().anyMatch(e -> e.getFormattedMessage().contains("member=" + benMember.value() + ": ")
              && e.getFormattedMessage().contains("asking again later"));
        });
      } finally {
        closing.detachAppender(refusals);
      }
      redis.restore();

      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
          assertThat(connectionOf(room, benMember)).as("Ben, once Redis is back").isEqualTo(Connection.DISCONNECTED));
    }
  }

  /** The member's connection as the room in Redis has it; null while Redis cannot be asked. */
  private Connection connectionOf(RoomId room, MemberId member) {
    try {
      return node.server().rooms().service().find(room).orElseThrow().member(member).orElseThrow().connection();
    } catch (Refusal redisAway) {
      return null;
    }
  }

  @Test
  void aNodeStoppedDuringAnOutage_stopsWholly() throws Exception {
    node.createRoom("film.mp4");
    int port = node.server().port();
    redis.cut();
    nodeClosed = true;
    // The stop's log line counted the live rooms in Redis and threw there, before HTTP and the database were closed.
    assertThatCode(node::close).doesNotThrowAnyException();
    assertThatThrownBy(() -> java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/api/health")).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding())).as("HTTP stopped").isInstanceOf(java.io.IOException.class);
  }

  /** Until the node, its Redis connections back, lets a newcomer into {@code room}. */
  private void awaitRedisBack(RoomId room) {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
      try (RawSocket cy = RawSocket.open(node.wsUri(room.value()))) {
        return cy.hello("Cy") != null;
      } catch (AssertionError | RuntimeException notYet) {
        return false;
      }
    });
  }
}
