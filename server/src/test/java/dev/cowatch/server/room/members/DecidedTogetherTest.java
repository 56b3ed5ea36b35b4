package dev.cowatch.server.room.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.platform.trace.Tracing;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.bus.InMemoryRoomBus;
import dev.cowatch.server.room.bus.RoomBus;
import dev.cowatch.server.room.jdbc.JdbcRoomRepository;
import dev.cowatch.server.room.live.ForwardingRoomStore;
import dev.cowatch.server.room.live.InMemoryRoomStore;
import dev.cowatch.server.room.live.JobLeader;
import dev.cowatch.server.room.live.LiveRooms;
import dev.cowatch.server.room.live.MemberSessions;
import dev.cowatch.server.room.live.RoomLocking;
import dev.cowatch.server.room.live.RoomStore;
import dev.cowatch.server.room.live.SessionNotices;
import dev.cowatch.server.room.live.Sharing;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Joins (and departures) that wait for their room's lock together are decided together by whichever of them gets it:
 * one compare-and-set and one presence list for all (in a cluster, every round trip of a decision keeps the room's
 * lease from the other nodes' decisions), each joiner still answered as itself, and refused alone when the room
 * refuses it; a departed connection that no longer speaks for its member changes nothing.
 */
class DecidedTogetherTest {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
  private final Database database = TestDatabases.sqlite();
  private final CountingStore store = new CountingStore(new InMemoryRoomStore());
  /** The room's lock, which the test holds itself while the joins queue up behind it. */
  private final ReentrantLock roomLock = new ReentrantLock();
  private final RoomLocking locks = new RoomLocking() {
    @Override
    public <T> T call(RoomId roomId, Supplier<T> work) {
      roomLock.lock();
      try {
        return work.get();
      } finally {
        roomLock.unlock();
      }
    }
  };
  private final RoomService rooms = new RoomService(new LiveRooms(store, new InMemoryRoomBus(), locks,
      MemberSessions.inMemory(), SessionNotices.local(), JobLeader.alone(), Sharing.ONE_NODE, () -> { }),
      new JdbcRoomRepository(database.jdbi()), Tolerances.DEFAULTS, clock, Ids.secure(), new JsonCodec(), timers, 10,
      Tracing.OFF);
  private final JsonCodec codec = new JsonCodec();
  private final Identity ann = new Identity(new UserId("u-ann1"), Identity.Kind.ACCOUNT, "Ann");

  @AfterEach
  void stop() {
    timers.shutdownNow();
    database.close();
  }

  @Test
  void joinsWaitingForTheLock_areDecidedTogether_withOneWriteAndOnePresence() throws Exception {
    RoomId room = rooms.create(RoomSettings.defaults("r", 5_000), ann, "film.mp4", null).orElseThrow().id();
    rooms.join(room, ann, "Ann", null, b -> { });
    int writesBefore = store.replaces.get();

    List<List<Broadcast>> heard = new ArrayList<>();
    List<CompletableFuture<Joined>> joins = new ArrayList<>();
    roomLock.lock();
    try {
      for (int i = 1; i <= 4; i++) {
        List<Broadcast> mine = new CopyOnWriteArrayList<>();
        heard.add(mine);
        Identity guest = new Identity(new UserId("g-guest" + i), Identity.Kind.GUEST, "Guest " + i);
        joins.add(CompletableFuture.supplyAsync(() -> rooms.join(room, guest, guest.displayName(), null, mine::add),
            Executors.newVirtualThreadPerTaskExecutor()));
      }
      awaitQueue(4);
    } finally {
      roomLock.unlock();
    }

    List<String> members = new ArrayList<>();
    for (var j : joins) members.add(j.get(5, TimeUnit.SECONDS).memberId().value());
    assertThat(members).doesNotHaveDuplicates().hasSize(4);
    assertThat(store.replaces.get() - writesBefore).as("one compare-and-set for the four").isEqualTo(1);
    assertThat(rooms.find(room).orElseThrow().members()).hasSize(5);
    for (int i = 0; i < 4; i++) {
      List<ServerMessage> messages = new ArrayList<>();
      for (Broadcast b : heard.get(i)) messages.add(codec.decodeServer(b.json()));
      String member = members.get(i);
      assertThat(messages.getFirst()).as("each joiner is answered as itself first")
          .isInstanceOfSatisfying(ServerMessage.Joined.class, x -> {
            assertThat(x.memberId()).isEqualTo(member);
            assertThat(x.room().memberCount()).isEqualTo(5);
          });
      assertThat(messages.stream().filter(m -> m instanceof ServerMessage.Presence).count())
          .as("one presence list for the joins together").isEqualTo(1);
    }
  }

  @Test
  void aJoinTheRoomRefuses_isRefusedAlone_whileTheOthersWithItGetIn() throws Exception {
    RoomId room = rooms.create(RoomSettings.defaults("r", 5_000).withMaxMembers(3), ann, "film.mp4", null)
        .orElseThrow().id();
    rooms.join(room, ann, "Ann", null, b -> { });

    List<CompletableFuture<Joined>> joins = new ArrayList<>();
    roomLock.lock();
    try {
      for (int i = 1; i <= 3; i++) {
        Identity guest = new Identity(new UserId("g-guest" + i), Identity.Kind.GUEST, "Guest " + i);
        joins.add(CompletableFuture.supplyAsync(() -> rooms.join(room, guest, guest.displayName(), null, b -> { }),
            Executors.newVirtualThreadPerTaskExecutor()));
        awaitQueue(i);
      }
    } finally {
      roomLock.unlock();
    }

    assertThat(joins.get(0).get(5, TimeUnit.SECONDS).memberId()).isNotNull();
    assertThat(joins.get(1).get(5, TimeUnit.SECONDS).memberId()).isNotNull();
    assertThat(joins.get(2)).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause().isInstanceOf(Refusal.class).withMessageContaining("full");
    assertThat(rooms.find(room).orElseThrow().members()).hasSize(3);
  }

  @Test
  void departuresWaitingForTheLock_areDecidedTogether_andAStaleConnectionChangesNothing() throws Exception {
    RoomId room = rooms.create(RoomSettings.defaults("r", 5_000), ann, "film.mp4", null).orElseThrow().id();
    rooms.join(room, ann, "Ann", null, b -> { });
    List<RoomBus.Listener> connections = new ArrayList<>();
    List<dev.cowatch.core.room.MemberId> members = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      RoomBus.Listener c = b -> { };
      connections.add(c);
      Identity guest = new Identity(new UserId("g-guest" + i), Identity.Kind.GUEST, "Guest " + i);
      members.add(rooms.join(room, guest, guest.displayName(), null, c).memberId());
    }
    RoomBus.Listener stale = b -> { };
    int writesBefore = store.replaces.get();

    List<CompletableFuture<Boolean>> leaves = new ArrayList<>();
    roomLock.lock();
    try {
      for (int i = 0; i < 4; i++) {
        int k = i;
        leaves.add(CompletableFuture.supplyAsync(() -> rooms.disconnect(room, members.get(k), connections.get(k)),
            Executors.newVirtualThreadPerTaskExecutor()));
      }
      leaves.add(CompletableFuture.supplyAsync(() -> rooms.disconnect(room, members.get(0), stale),
          Executors.newVirtualThreadPerTaskExecutor()));
      awaitQueue(5);
    } finally {
      roomLock.unlock();
    }

    for (int i = 0; i < 4; i++) assertThat(leaves.get(i).get(5, TimeUnit.SECONDS)).as("departure %d", i).isTrue();
    assertThat(leaves.get(4).get(5, TimeUnit.SECONDS)).as("a connection that never spoke for the member").isFalse();
    assertThat(store.replaces.get() - writesBefore).as("one compare-and-set for the four").isEqualTo(1);
    Room after = rooms.find(room).orElseThrow();
    for (var m : members) assertThat(after.member(m).orElseThrow().isConnected()).isFalse();
  }

  /**
   * The lock is not had in the order the decisions queued: one that gets it with more than a turn's worth of older ones
   * ahead decides those, then its own in a further turn (it was left waiting, "a decision was left waiting", when 102
   * members left at once as a test server stopped). Here the test thread holds the lock and departs last of 41; the
   * crowd is decided in turns of at most {@link WaitingDecisions#MAX_TOGETHER}.
   */
  @Test
  void aDecisionWithMoreThanOneTurnAheadOfIt_decidesThoseFirst_thenItsOwn() throws Exception {
    RoomId room = rooms.create(RoomSettings.defaults("r", 5_000).withMaxMembers(50), ann, "film.mp4", null)
        .orElseThrow().id();
    rooms.join(room, ann, "Ann", null, b -> { });
    int crowd = WaitingDecisions.MAX_TOGETHER + 9;
    List<RoomBus.Listener> connections = new ArrayList<>();
    List<dev.cowatch.core.room.MemberId> members = new ArrayList<>();
    for (int i = 1; i <= crowd; i++) {
      RoomBus.Listener c = b -> { };
      connections.add(c);
      Identity guest = new Identity(new UserId("g-guest" + i), Identity.Kind.GUEST, "Guest " + i);
      members.add(rooms.join(room, guest, guest.displayName(), null, c).memberId());
    }

    int writesBefore = store.replaces.get();
    List<CompletableFuture<Boolean>> leaves = new ArrayList<>();
    boolean last;
    roomLock.lock();
    try {
      for (int i = 0; i < crowd - 1; i++) {
        int k = i;
        leaves.add(CompletableFuture.supplyAsync(() -> rooms.disconnect(room, members.get(k), connections.get(k)),
            Executors.newVirtualThreadPerTaskExecutor()));
        awaitQueue(i + 1);
      }
      last = rooms.disconnect(room, members.get(crowd - 1), connections.get(crowd - 1));
    } finally {
      roomLock.unlock();
    }

    assertThat(last).as("the newest, decided after the older ones").isTrue();
    for (int i = 0; i < crowd - 1; i++) assertThat(leaves.get(i).get(5, TimeUnit.SECONDS)).as("departure %d", i).isTrue();
    // A turn decides at most MAX_TOGETHER, so one lease is never held for a whole crowd: the 32 oldest, then the rest.
    assertThat(store.replaces.get() - writesBefore).as("two turns, one compare-and-set each").isEqualTo(2);
    Room after = rooms.find(room).orElseThrow();
    for (var m : members) assertThat(after.member(m).orElseThrow().isConnected()).isFalse();
  }

  /**
   * Redis too slow to store a joiner's session after the join was committed: the join is refused and taken back, so
   * the member its client makes when it dials again is the only one (a room of two would otherwise refuse it as full).
   */
  @Test
  void aJoinWhoseSessionsCannotBeStored_isRefusedAndTakenBack() {
    MemberSessions inMemory = MemberSessions.inMemory();
    boolean[] slow = {false};
    MemberSessions flaky = (MemberSessions) java.lang.reflect.Proxy.newProxyInstance(
        MemberSessions.class.getClassLoader(), new Class<?>[] {MemberSessions.class}, (proxy, method, args) -> {
          if (method.getName().equals("seatingAll") && slow[0]) {
            slow[0] = false;
            return (Runnable) () -> {
              throw new Refusal(Refusal.Kind.CAPACITY, "unavailable", "the rooms' shared store (Redis) does not answer");
            };
          }
          try {
            return method.invoke(inMemory, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    RoomService service = new RoomService(new LiveRooms(store, new InMemoryRoomBus(), locks, flaky,
        SessionNotices.local(), JobLeader.alone(), Sharing.ONE_NODE, () -> { }), new JdbcRoomRepository(database.jdbi()),
        Tolerances.DEFAULTS, clock, Ids.secure(), new JsonCodec(), timers, 10, Tracing.OFF);
    RoomId room = service.create(RoomSettings.defaults("r", 5_000).withMaxMembers(2), ann, "film.mp4", null)
        .orElseThrow().id();
    service.join(room, ann, "Ann", null, b -> { });
    Identity guest = new Identity(new UserId("g-guest1"), Identity.Kind.GUEST, "Guest");
    slow[0] = true;

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.join(room, guest, "Guest", null, b -> { }))
        .isInstanceOf(Refusal.class);
    assertThat(service.find(room).orElseThrow().members()).as("taken back").hasSize(1);

    service.join(room, guest, "Guest", null, b -> { });
    assertThat(service.find(room).orElseThrow().members()).hasSize(2);
  }

  private void awaitQueue(int threads) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (roomLock.getQueueLength() < threads) {
      if (System.nanoTime() > deadline) throw new AssertionError("the joins did not queue for the room's lock");
      Thread.sleep(5);
    }
  }

  /** A store that counts its compare-and-sets. */
  private static final class CountingStore extends ForwardingRoomStore {
    final AtomicInteger replaces = new AtomicInteger();

    CountingStore(RoomStore inner) {
      super(inner);
    }

    @Override
    public boolean replace(long expectedRevision, Room next) {
      replaces.incrementAndGet();
      return super.replace(expectedRevision, next);
    }
  }
}
