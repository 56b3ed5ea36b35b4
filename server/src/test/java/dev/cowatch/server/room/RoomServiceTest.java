package dev.cowatch.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.bus.InMemoryRoomBus;
import dev.cowatch.server.room.bus.RoomBus;
import dev.cowatch.server.room.jdbc.JdbcRoomRepository;
import dev.cowatch.server.room.live.InMemoryRoomStore;
import dev.cowatch.server.room.live.RoomRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** The room service on its own, with a fixed clock and the in-memory adapters. */
class RoomServiceTest {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
  private final Database database = TestDatabases.sqlite();
  private final RoomService rooms = new RoomService(new InMemoryRoomStore(), new JdbcRoomRepository(database.jdbi()),
      new InMemoryRoomBus(), Tolerances.DEFAULTS, clock, Ids.secure(), new JsonCodec(), timers, 10);
  private final Identity ann = new Identity(new UserId("u-ann1"), Identity.Kind.ACCOUNT, "Ann");
  private final Identity bob = new Identity(new UserId("u-bob1"), Identity.Kind.ACCOUNT, "Bob");

  @org.junit.jupiter.api.AfterEach
  void stop() {
    timers.shutdownNow();
    database.close();
  }

  @Test
  void lateCloseOfTheOldConnection_afterAResume_doesNotDisconnectTheMember() {
    RoomId room = rooms.create(RoomSettings.defaults("r", 5_000), ann, "film.mp4", null).orElseThrow().id();
    List<Broadcast> oldConnection = new ArrayList<>();
    List<Broadcast> newConnection = new ArrayList<>();
    RoomBus.Listener oldListener = oldConnection::add;
    RoomBus.Listener newListener = newConnection::add;
    MemberId member = rooms.join(room, ann, "a", null, oldListener).memberId();
    String token = tokenIn(oldConnection);

    // The client noticed the drop first and resumed on a new connection; the server then notices the old one closing.
    assertThat(rooms.join(room, ann, "a", token, newListener).memberId()).isEqualTo(member);
    assertThat(rooms.disconnect(room, member, oldListener)).isFalse();
    assertThat(rooms.find(room).orElseThrow().member(member).orElseThrow().isConnected()).isTrue();

    assertThat(rooms.disconnect(room, member, newListener)).isTrue();
    assertThat(rooms.find(room).orElseThrow().member(member).orElseThrow().isConnected()).isFalse();
    assertThat(rooms.disconnect(room, member, newListener)).as("only once").isFalse();
  }

  /**
   * A newcomer's roster row is written before the room's lock is taken (in a cluster, the lease every node's
   * decisions for the room wait for), and the decision under the lock writes no roster again; it is durable all the
   * same. A join that remembers nobody new writes nothing.
   */
  @Test
  void aNewcomersRosterEntry_isStoredBeforeTheDecision_notUnderTheRoomsLock() {
    List<String> writes = new ArrayList<>();
    RoomRepository jdbc = new JdbcRoomRepository(database.jdbi());
    RoomRepository watched = (RoomRepository) java.lang.reflect.Proxy.newProxyInstance(
        RoomRepository.class.getClassLoader(), new Class<?>[] {RoomRepository.class}, (proxy, method, args) -> {
          if (method.getName().equals("rememberAhead") || method.getName().equals("saveRoster")) {
            writes.add(method.getName());
          }
          try {
            return method.invoke(jdbc, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    RoomService service = new RoomService(new InMemoryRoomStore(), watched, new InMemoryRoomBus(), Tolerances.DEFAULTS,
        clock, Ids.secure(), new JsonCodec(), timers, 10);
    RoomId room = service.create(RoomSettings.defaults("r", 5_000), ann, "film.mp4", null).orElseThrow().id();

    service.join(room, ann, "Ann", null, b -> { });
    assertThat(writes).as("the owner is known: nothing to remember").isEmpty();
    service.join(room, bob, "Bob", null, b -> { });
    assertThat(writes).containsExactly("rememberAhead");
    assertThat(jdbc.load(room).orElseThrow().roster().entry(bob.userId()).orElseThrow().displayName()).isEqualTo("Bob");

    writes.clear();
    Identity cy = new Identity(new UserId("u-cy1"), Identity.Kind.ACCOUNT, "Cy");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.join(room, cy, " ", null, b -> { }))
        .isInstanceOf(dev.cowatch.server.platform.Refusal.class);
    assertThat(writes).as("a join the room will refuse stores nothing ahead").isEmpty();
  }

  /**
   * A join that fails because the database is too busy has changed nothing, so a hello may be tried again on the
   * server (BusyDatabase) as its client would try it: the second try joins once, as if the first had not happened.
   */
  @Test
  void aJoinThatFailsForABusyDatabase_leavesNothingBehind_andTheNextTryJoinsOnce() {
    RoomId room = rooms.create(RoomSettings.defaults("r", 5_000), ann, "film.mp4", null).orElseThrow().id();
    RoomRepository jdbc = new JdbcRoomRepository(database.jdbi());
    boolean[] busy = {true};
    RoomRepository busyOnce = (RoomRepository) java.lang.reflect.Proxy.newProxyInstance(
        RoomRepository.class.getClassLoader(), new Class<?>[] {RoomRepository.class}, (proxy, method, args) -> {
          if (method.getName().equals("load") && busy[0]) {
            busy[0] = false;
            throw new IllegalStateException("pool", new java.sql.SQLTransientConnectionException("no connection"));
          }
          try {
            return method.invoke(jdbc, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    // Another node's view: the room is not live here, so the join loads it.
    InMemoryRoomStore live = new InMemoryRoomStore();
    RoomService node = new RoomService(live, busyOnce, new InMemoryRoomBus(), Tolerances.DEFAULTS, clock, Ids.secure(),
        new JsonCodec(), timers, 10);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> node.join(room, bob, "Bob", null, b -> { }))
        .satisfies(e -> assertThat(dev.cowatch.server.platform.jdbc.DatabaseFaults.isUnavailable((RuntimeException) e))
            .isTrue());
    assertThat(live.get(room)).as("nothing made live").isEmpty();

    MemberId bobs = node.join(room, bob, "Bob", null, b -> { }).memberId();
    assertThat(node.find(room).orElseThrow().members()).extracting(m -> m.id()).containsExactly(bobs);
  }

  private static String tokenIn(List<Broadcast> received) {
    String joined = received.getFirst().json();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"resumeToken\":\"([^\"]+)\"").matcher(joined);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void joiningARoomOfMoreThanAHundred_givesTheOwnerAndItself_andTheCount() throws Exception {
    RoomId room = rooms.create(RoomSettings.defaults("r", 5_000).withMaxMembers(200), ann, "film.mp4", null)
        .orElseThrow().id();
    rooms.join(room, ann, "Ann", null, b -> { });
    for (int i = 1; i <= 100; i++) {
      rooms.join(room, new Identity(new UserId("g-guest" + i), Identity.Kind.GUEST, "Guest " + i), "Guest " + i,
          null, b -> { });
    }
    List<Broadcast> received = new ArrayList<>();
    MemberId cy = rooms.join(room, new Identity(new UserId("u-cy1"), Identity.Kind.ACCOUNT, "Cy"), "Cy", null,
        received::add).memberId();
    var joined = (dev.cowatch.protocol.ServerMessage.Joined) new JsonCodec().decodeServer(received.getFirst().json());
    assertThat(joined.room().members()).extracting(dev.cowatch.protocol.ServerMessage.MemberView::id)
        .containsExactly(rooms.find(room).orElseThrow().members().getFirst().id().value(), cy.value());
    assertThat(joined.room().memberCount()).isEqualTo(102);
  }

  /** A timeline change is encoded once and the very same text goes to every connection. */
  @Test
  void timelineChange_isEncodedOnce_andSharedByEveryListener() {
    RoomId room = rooms.create(RoomSettings.defaults("r", 5_000), ann, "film.mp4", null).orElseThrow().id();
    List<Broadcast> first = new ArrayList<>();
    List<Broadcast> second = new ArrayList<>();
    MemberId a = rooms.join(room, ann, "a", null, first::add).memberId();
    rooms.join(room, bob, "b", null, second::add);
    first.clear();
    second.clear();

    rooms.apply(room, a, new Intent.Play(0));

    Broadcast toFirst = first.stream().filter(b -> b.kind() == Broadcast.Kind.TIMELINE).findFirst().orElseThrow();
    Broadcast toSecond = second.stream().filter(b -> b.kind() == Broadcast.Kind.TIMELINE).findFirst().orElseThrow();
    assertThat(toSecond).isSameAs(toFirst);
    assertThat(toFirst.json()).contains("\"type\":\"timeline\"", "\"state\":\"playing\"");
  }
}
