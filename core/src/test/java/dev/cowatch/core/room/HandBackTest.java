package dev.cowatch.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.RoomEvent.Cause;
import dev.cowatch.core.room.RoomEvent.CauseKind;
import dev.cowatch.core.room.RoomEvent.TimelineChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The room taking back the timeline its members played between themselves (docs/protocol.md 3.12). */
class HandBackTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final String FILM = "https://example.com/film.mp4";
  private static final MemberId ANN = new MemberId("ann");
  private static final MemberId BOB = new MemberId("bob");

  private final RoomDecider decider = new RoomDecider(Tolerances.DEFAULTS);
  private final FakeClock clock = new FakeClock(T0);
  private Room room;

  private void roomPlaying(ControlMode mode) {
    room = Room.create(new RoomId("peers-room"), RoomSettings.defaults("Peers", 5_000).withControlMode(mode),
        Roster.ownedBy(new UserId("u-ann"), "Ann", false, T0), FILM, clock.now());
    act(ANN, new Intent.Join("Ann", new UserId("u-ann"), false));
    act(BOB, new Intent.Join("Bob", new UserId("u-bob"), false));
    assertThat(act(ANN, new Intent.Play(v())).isRejected()).isFalse();
  }

  private Decision act(MemberId who, Intent intent) {
    Decision d = decider.decide(room, who, intent, clock.now());
    room = d.room();
    return d;
  }

  private long v() {
    return room.timeline().version();
  }

  /** What the peers played: paused at {@code positionMs}, anchored {@code agoMs} before now. */
  private Intent.HandBack pausedAt(long base, long positionMs, long agoMs) {
    return new Intent.HandBack(base, FILM, PlaybackState.PAUSED, positionMs, clock.now() - agoMs, 1.0);
  }

  private ErrorCode refusedCode(MemberId who, Intent intent) {
    Room before = room;
    Decision d = act(who, intent);
    assertThat(d.isRejected()).as("refused").isTrue();
    assertThat(d.room()).isSameAs(before);
    assertThat(d.events()).isEmpty();
    return d.rejection().code();
  }

  @Test
  void unmovedRoom_takesThePeersAnchorAsItIs_oneVersionUp_causeHandBack() {
    roomPlaying(ControlMode.EVERYONE);
    long base = v();
    clock.elapse(60_000);
    Intent.HandBack peers = new Intent.HandBack(base, FILM, PlaybackState.PLAYING, 42_000, clock.now() - 18_000, 1.0);

    Decision d = act(BOB, peers);

    assertThat(d.isRejected()).isFalse();
    Timeline t = room.timeline();
    assertThat(t).isEqualTo(new Timeline(FILM, PlaybackState.PLAYING, 42_000, T0 + 42_000, 1.0, base + 1));
    assertThat(t.positionAt(clock.now())).as("where the peers are now, not re-anchored ahead").isEqualTo(60_000);
    assertThat(d.events()).containsExactly(new TimelineChanged(t, new Cause(BOB, CauseKind.HAND_BACK)));
  }

  @Test
  void roomMovedOnTheServer_isAConflict_andTheServerKeepsItsTimeline() {
    roomPlaying(ControlMode.EVERYONE);
    long base = v();
    act(ANN, new Intent.Seek(v(), 5_000)); // someone still on the server acted meanwhile

    assertThat(refusedCode(BOB, pausedAt(base, 30_000, 1_000))).isEqualTo(ErrorCode.CONFLICT);
  }

  @Test
  void otherMediaOnTheServer_isAConflict() {
    roomPlaying(ControlMode.EVERYONE);
    Intent.HandBack other = new Intent.HandBack(v(), "https://example.com/other.mp4", PlaybackState.PAUSED, 0,
        clock.now(), 1.0);

    assertThat(refusedCode(BOB, other)).isEqualTo(ErrorCode.CONFLICT);
  }

  @Test
  void aVersionTheRoomNeverHad_isFromTheFuture() {
    roomPlaying(ControlMode.EVERYONE);

    assertThat(refusedCode(BOB, pausedAt(v() + 3, 30_000, 0))).isEqualTo(ErrorCode.VERSION_FROM_FUTURE);
  }

  @Test
  void aMemberWhoMayNotControl_isNotAllowed() {
    roomPlaying(ControlMode.MODERATORS);

    assertThat(refusedCode(BOB, pausedAt(v(), 30_000, 0))).isEqualTo(ErrorCode.NOT_ALLOWED);
  }

  @Test
  void thePeersChangedNothing_sendsNothing_evenWithAnOldAnchor() {
    roomPlaying(ControlMode.EVERYONE);
    Timeline t = room.timeline();
    clock.elapse(2 * HandBackRule.MAX_ANCHOR_AGE_MS);
    Room before = room;

    Decision d = act(ANN, new Intent.HandBack(t.version(), FILM, t.state(), t.anchorPositionMs(), t.anchorTimeMs(), t.rate()));

    assertThat(d.isRejected()).isFalse();
    assertThat(d.events()).isEmpty();
    assertThat(room).isSameAs(before);
  }

  @ParameterizedTest
  @ValueSource(longs = {-10_001, HandBackRule.MAX_ANCHOR_AGE_MS + 1})
  void anAnchorFarFromTheServersNow_isInvalid(long agoMs) {
    roomPlaying(ControlMode.EVERYONE);

    assertThat(refusedCode(BOB, pausedAt(v(), 1_000, agoMs))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void badStateRateOrPosition_isInvalid() {
    roomPlaying(ControlMode.EVERYONE);
    long now = clock.now();

    assertThat(refusedCode(BOB, new Intent.HandBack(v(), FILM, PlaybackState.WAITING, 0, now, 1.0)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refusedCode(BOB, new Intent.HandBack(v(), FILM, PlaybackState.PAUSED, 0, now, 8.0)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refusedCode(BOB, new Intent.HandBack(v(), FILM, PlaybackState.PAUSED, -1, now, 1.0)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }
}
