package dev.cowatch.server.room.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomDecider;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.bus.RoomBus;
import dev.cowatch.server.room.live.Sharing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Presence is paced by room size, and after the first whole list only what changed goes out, so its
 * cost per member stays flat however big the room.
 */
class RoomBroadcastsTest {
  private static final long T0 = 1_700_000_000_000L;
  private final RoomDecider decider = new RoomDecider(Tolerances.DEFAULTS);
  private final AtomicLong now = new AtomicLong(T0);
  private final List<Broadcast> sent = new ArrayList<>();
  private final JsonCodec codec = new JsonCodec();
  private final RoomBus bus = new RoomBus() {
    @Override
    public Subscription subscribe(RoomId room, Listener listener) {
      return () -> { };
    }

    @Override
    public void publish(RoomId room, Broadcast b) {
      sent.add(b);
    }
  };
  private RoomBroadcasts broadcasts = new RoomBroadcasts(bus, codec, now::get, Sharing.ONE_NODE);
  private Room room = Room.create(new RoomId("room1"), RoomSettings.defaults("Premiere", 5_000).withMaxMembers(1_000),
      Roster.ownedBy(new UserId("u-ann"), "Ann", false, T0), "film.mp4", T0);

  @ParameterizedTest
  @CsvSource({"1, 1000", "20, 1000", "50, 1000", "51, 2000", "100, 2000", "500, 10000", "1000, 20000"})
  void presenceInterval_growsWithTheRoom(int members, long intervalMs) {
    assertThat(RoomBroadcasts.presenceIntervalMs(members)).isEqualTo(intervalMs);
  }

  @Test
  void inASmallRoom_aJoinIsInTheMemberListAtOnce() {
    publishJoin(1);
    assertThat(presences()).isEqualTo(1);
  }

  @Test
  void inALargeRoom_joinsWaitForTheFlush_andComeOutAsOne() {
    for (int i = 1; i <= 30; i++) publishJoin(i);
    assertThat(presences()).as("20 joins sent at once, the rest wait").isEqualTo(RoomBroadcasts.SMALL_ROOM);
    now.addAndGet(1_000);
    flush();
    assertThat(presences()).isEqualTo(RoomBroadcasts.SMALL_ROOM + 1);
  }

  @Test
  void aRoomOfFiveHundred_getsPresenceEveryTenSeconds_howeverOftenItsMembersReport() {
    for (int i = 1; i <= 500; i++) room = decider.decide(room, new MemberId("m-" + i), join(i), now.get()).room();
    broadcasts.publishPresence(room);
    int before = presences();
    for (int second = 1; second <= 30; second++) {
      now.addAndGet(1_000);
      Decision report = decider.decide(room, new MemberId("m-" + second), new Intent.Report(3.0, 20.0), now.get());
      room = report.room();
      broadcasts.publish(report, false);
      flush();
    }
    assertThat(presences() - before).as("30 s of reports in a room of 500").isEqualTo(3);
  }

  @Test
  void inARoomOfTen_reportsAloneRefreshTheListEveryFiveSeconds_butAJoinIsSentAtOnce() {
    for (int i = 1; i <= 10; i++) publishJoin(i);
    int before = presences();
    for (int second = 1; second <= 20; second++) {
      now.addAndGet(1_000);
      // Each report moves the round trip by more than a reader would overlook.
      Decision report = decider.decide(room, new MemberId("m-" + (second % 10 + 1)),
          new Intent.Report(2.0, 15.0 + 30 * second), now.get());
      room = report.room();
      broadcasts.publish(report, false);
      flush();
    }
    assertThat(presences() - before).as("20 s of reports in a room of ten").isEqualTo(4);
    publishJoin(11);
    assertThat(presences() - before).isEqualTo(5);
  }

  @Test
  void flushTicks_sendARoomsHealthOnTheFirstTickAfterItsInterval_andLockOnlyRoomsThatMayBeDue() {
    for (int i = 1; i <= 10; i++) publishJoin(i);
    int before = presences();
    long sentAt = now.get();
    report(3, 2.0, 95.0); // a round trip that moved: the list is due again five seconds after the last
    int locked = 0;
    List<Long> sentAfterMs = new ArrayList<>();
    for (long t = 0; t < 7_000; t += RoomBroadcasts.FLUSH_TICK_MS) {
      now.addAndGet(RoomBroadcasts.FLUSH_TICK_MS);
      int[] calls = {0};
      int sentBefore = presences();
      broadcasts.flushPresence((id, action) -> {
        calls[0]++;
        action.accept(Optional.of(room));
      });
      locked += calls[0];
      if (presences() > sentBefore) sentAfterMs.add(now.get() - sentAt);
    }
    assertThat(sentAfterMs).as("within one tick of the five seconds, once").hasSize(1);
    assertThat(sentAfterMs.get(0)).isBetween(RoomBroadcasts.HEALTH_PERIOD_MS - RoomBroadcasts.FLUSH_TICK_MS / 2,
        RoomBroadcasts.HEALTH_PERIOD_MS + RoomBroadcasts.FLUSH_TICK_MS);
    assertThat(presences() - before).isEqualTo(1);
    assertThat(locked).as("the room's lock taken only when the list may be due").isEqualTo(1);
  }

  @Test
  void healthThatBarelyMoves_sendsNothing() {
    for (int i = 1; i <= 10; i++) publishJoin(i);
    for (int i = 1; i <= 10; i++) report(i, 2.0, 40.0);
    now.addAndGet(5_000);
    flush();
    int before = presences();
    for (int second = 1; second <= 20; second++) {
      now.addAndGet(1_000);
      report(second % 10 + 1, 2.0 + (second % 3), 40.0 + (second % 5));
      flush();
    }
    assertThat(presences() - before).as("drift moving by 2 ms, round trips by 4 ms").isZero();
  }

  @Test
  void afterTheFirstList_aLargeRoomSendsOnlyWhoJoinedAndWhoLeft_withTheWholeListForThoseBehind() throws Exception {
    for (int i = 1; i <= 90; i++) room = decider.decide(room, new MemberId("m-" + i), join(i), now.get()).room();
    broadcasts.publishPresence(room);
    assertThat(last().kind()).isEqualTo(Broadcast.Kind.PRESENCE);
    publishJoin(91);
    publishJoin(92);
    Decision leave = decider.decide(room, new MemberId("m-92"), new Intent.Leave(), now.get());
    room = leave.room();
    broadcasts.publish(leave, true);
    Decision leave7 = decider.decide(room, new MemberId("m-7"), new Intent.Leave(), now.get());
    room = leave7.room();
    broadcasts.publish(leave7, true);
    now.addAndGet(10_000);
    flush();
    Broadcast b = last();
    assertThat(b.kind()).isEqualTo(Broadcast.Kind.PRESENCE_CHANGES);
    var changes = (ServerMessage.PresenceChanges) codec.decodeServer(b.json());
    assertThat(changes.members()).extracting(ServerMessage.MemberView::id).containsExactly("m-91");
    assertThat(changes.left()).as("m-92 came and went since the last list: a later joiner has it")
        .containsExactlyInAnyOrder("m-7", "m-92");
    assertThat(changes.memberCount()).isEqualTo(90);
    var whole = (ServerMessage.Presence) codec.decodeServer(new String(b.whole(), java.nio.charset.StandardCharsets.UTF_8));
    assertThat(whole.members()).hasSize(90);
    assertThat(changes.applyTo(initialList(), "m-1")).isEqualTo(whole.members());
  }

  @Test
  void whenSeveralNodesPublishARoomsPresence_everyListGoesOutWhole() throws Exception {
    broadcasts = new RoomBroadcasts(bus, codec, now::get, new Sharing.SharedNodes(null));
    for (int i = 1; i <= 90; i++) room = decider.decide(room, new MemberId("m-" + i), join(i), now.get()).room();
    broadcasts.publishPresence(room);
    publishJoin(91);
    now.addAndGet(10_000);
    sent.clear();
    flush();

    var whole = (ServerMessage.Presence) codec.decodeServer(only(Broadcast.Kind.PRESENCE).json());
    assertThat(whole.members()).hasSize(91);
    assertThat(sent).noneMatch(b -> b.kind() == Broadcast.Kind.PRESENCE_CHANGES);
  }

  /** A cluster's flush reads the room without its lease: a change may come while it reads, or have come before. */
  @Test
  void aClusterFlush_forgetsNoChangeMadeWhileItRead_andSendsNoListOlderThanItsLast() throws Exception {
    broadcasts = new RoomBroadcasts(bus, codec, now::get, new Sharing.SharedNodes(null));
    for (int i = 1; i <= 30; i++) publishJoin(i);
    now.addAndGet(1_000);
    sent.clear();

    broadcasts.flushPresence((id, action) -> {
      Room read = room;
      publishJoin(31); // decided on this node while the flush had the room in hand
      action.accept(Optional.of(read));
    });
    var first = (ServerMessage.Presence) codec.decodeServer(only(Broadcast.Kind.PRESENCE).json());
    assertThat(first.memberCount()).isEqualTo(30);

    now.addAndGet(1_000);
    sent.clear();
    flush();
    var second = (ServerMessage.Presence) codec.decodeServer(only(Broadcast.Kind.PRESENCE).json());
    assertThat(second.memberCount()).as("the join made while the first flush read is sent by the next").isEqualTo(31);
    assertThat(only(Broadcast.Kind.PRESENCE).revision()).isEqualTo(room.revision());

    Room older = decider.decide(room, new MemberId("m-2"), new Intent.Leave(), now.get()).room();
    report(5, 40, 30);
    now.addAndGet(10_000);
    sent.clear();
    Room stale = older.withRevision(room.revision() - 2);
    broadcasts.flushPresence((id, action) -> action.accept(Optional.of(stale)));
    assertThat(sent).as("a list read before the last one sent goes nowhere").isEmpty();
  }

  @Test
  void aRoomOfMoreThanAHundred_listsItsOwnerAndThoseNotReady_countsEveryone_andTellsTheRestAboutThemselves()
      throws Exception {
    room = decider.decide(room, new MemberId("m-ann"), new Intent.Join("Ann", new UserId("u-ann"), false), now.get()).room();
    for (int i = 1; i <= 149; i++) room = decider.decide(room, new MemberId("m-" + i), join(i), now.get()).room();
    broadcasts.publishPresence(room);
    var first = (ServerMessage.Presence) codec.decodeServer(last().json());
    assertThat(first.members()).extracting(ServerMessage.MemberView::name).containsExactly("Ann");
    assertThat(first.memberCount()).isEqualTo(150);
    assertThat(last().json().length()).as("one entry, not 150").isLessThan(300);

    for (String m : List.of("m-5", "m-6", "m-7")) apply(m, new Intent.Buffering(room.timeline().version()));
    report(9, 30.0, 80.0);
    sent.clear();
    now.addAndGet(5_000);
    flush();
    var listed = (ServerMessage.Presence) codec.decodeServer(only(Broadcast.Kind.PRESENCE).json());
    assertThat(listed.members()).as("most of the list changed: the whole list")
        .extracting(ServerMessage.MemberView::id).containsExactly("m-ann", "m-5", "m-6", "m-7");
    assertThat(listed.members()).extracting(ServerMessage.MemberView::readiness)
        .containsExactly("ready", "buffering", "buffering", "buffering");
    Broadcast personal = only(Broadcast.Kind.PERSONAL);
    assertThat(personal.personal().keySet()).as("the health of an unlisted member goes to that member alone")
        .containsExactly("m-9");
    var toNine = (ServerMessage.PresenceChanges) codec.decodeServer(new String(personal.personal().get("m-9"),
        java.nio.charset.StandardCharsets.UTF_8));
    assertThat(toNine.members()).singleElement().satisfies(m -> assertThat(m.rttMs()).isEqualTo(80.0));

    apply("m-5", new Intent.Ready(room.timeline().version()));
    Decision leave = decider.decide(room, new MemberId("m-20"), new Intent.Leave(), now.get());
    room = leave.room();
    broadcasts.publish(leave, true);
    sent.clear();
    now.addAndGet(5_000);
    flush();
    var ready = (ServerMessage.PresenceChanges) codec.decodeServer(only(Broadcast.Kind.PRESENCE_CHANGES).json());
    assertThat(ready.members()).isEmpty();
    assertThat(ready.unlisted()).containsExactly("m-5");
    assertThat(ready.left()).as("nobody else had the unlisted m-20 in a list").isEmpty();
    assertThat(ready.memberCount()).isEqualTo(149);
    assertThat(only(Broadcast.Kind.PERSONAL).personal()).containsOnlyKeys("m-5");
  }

  @Test
  void aTimelineChange_namesTheMemberWhoCausedIt_whomABigRoomDoesNotList() throws Exception {
    for (int i = 1; i <= 150; i++) room = decider.decide(room, new MemberId("m-" + i), join(i), now.get()).room();
    apply("m-9", new Intent.Play(room.timeline().version()));
    Broadcast timeline = sent.stream().filter(b -> b.kind() == Broadcast.Kind.TIMELINE).findFirst().orElseThrow();
    var update = (ServerMessage.TimelineUpdate) codec.decodeServer(timeline.json());
    assertThat(update.cause()).isEqualTo(new ServerMessage.CauseView("m-9", "play", "Viewer 9"));
  }

  @Test
  void whenMostOfTheRoomChanged_theWholeListGoesOut() {
    for (int i = 1; i <= 10; i++) room = decider.decide(room, new MemberId("m-" + i), join(i), now.get()).room();
    broadcasts.publishPresence(room);
    for (int i = 1; i <= 6; i++) report(i, 50.0, 100.0);
    broadcasts.publishPresence(room);
    assertThat(last().kind()).isEqualTo(Broadcast.Kind.PRESENCE);
  }

  private List<ServerMessage.MemberView> initialList() {
    Broadcast first = sent.stream().filter(b -> b.kind() == Broadcast.Kind.PRESENCE).findFirst().orElseThrow();
    try {
      return ((ServerMessage.Presence) codec.decodeServer(first.json())).members();
    } catch (dev.cowatch.protocol.ProtocolException e) {
      throw new AssertionError(e);
    }
  }

  private void report(int member, double driftMs, double rttMs) {
    Decision d = decider.decide(room, new MemberId("m-" + member), new Intent.Report(driftMs, rttMs), now.get());
    room = d.room();
    broadcasts.publish(d, false);
  }

  private void apply(String member, Intent intent) {
    Decision d = decider.decide(room, new MemberId(member), intent, now.get());
    room = d.room();
    broadcasts.publish(d, true);
  }

  private Broadcast only(Broadcast.Kind kind) {
    List<Broadcast> ofKind = sent.stream().filter(b -> b.kind() == kind).toList();
    assertThat(ofKind).as(kind + " broadcasts").hasSize(1);
    return ofKind.getFirst();
  }

  private void flush() {
    broadcasts.flushPresence((id, action) -> action.accept(Optional.of(room)));
  }

  private Broadcast last() {
    return sent.get(sent.size() - 1);
  }

  private void publishJoin(int i) {
    Decision d = decider.decide(room, new MemberId("m-" + i), join(i), now.get());
    room = d.room();
    broadcasts.publish(d, true);
  }

  private static Intent join(int i) {
    return new Intent.Join("Viewer " + i, new UserId("user-" + i), true);
  }

  /** Presence broadcasts, with each member's own entry to itself in a room that does not list everyone. */
  private int presences() {
    return (int) sent.stream().filter(b -> b.kind() == Broadcast.Kind.PRESENCE
        || b.kind() == Broadcast.Kind.PRESENCE_CHANGES || b.kind() == Broadcast.Kind.PERSONAL).count();
  }
}
