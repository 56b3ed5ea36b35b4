package dev.cowatch.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.SoundDelay;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.RoomEvent.Cause;
import dev.cowatch.core.room.RoomEvent.CauseKind;
import dev.cowatch.core.room.RoomEvent.LeaveReason;
import dev.cowatch.core.room.RoomEvent.MemberChanged;
import dev.cowatch.core.room.RoomEvent.MemberJoined;
import dev.cowatch.core.room.RoomEvent.MemberLeft;
import dev.cowatch.core.room.RoomEvent.TimelineChanged;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The room's decisions, driven through the public {@link RoomDecider} with a fake clock. Each test
 * mutates {@link #room} through {@link #act}, the way the server applies decisions one by one.
 */
class RoomDeciderTest {
  private static final Tolerances TOL = Tolerances.DEFAULTS;
  private static final long T0 = 1_700_000_000_000L;
  private static final long WAIT_TIMEOUT = 5_000;
  private static final long MIN_LEAD = TOL.minLeadMs(); // 150
  private static final long SEEK_LEAD = TOL.minLeadMs() + TOL.seekAllowanceMs(); // 400
  private static final long GRACE = TOL.reconnectGraceMs(); // 30 s

  private static final MemberId ANN = new MemberId("ann");
  private static final MemberId BOB = new MemberId("bob");
  private static final MemberId CAT = new MemberId("cat");
  private static final MemberId DAN = new MemberId("dan");

  private final RoomDecider decider = new RoomDecider(TOL);
  private final FakeClock clock = new FakeClock(T0);
  private Room room = roomWith(RoomSettings.defaults("Film night", WAIT_TIMEOUT));

  // ---- helpers ----------------------------------------------------------------------------

  /** A room owned by ann's user, as a room created by ann is. */
  private Room roomWith(RoomSettings settings) {
    return Room.create(new RoomId("film-night"), settings, Roster.ownedBy(userOf(ANN), "Ann", false, T0), null,
        clock.now());
  }

  private static RoomSettings settings(ControlMode mode, BufferingPolicy policy, int maxMembers) {
    return RoomSettings.defaults("Film night", WAIT_TIMEOUT).withControlMode(mode).withBuffering(policy, WAIT_TIMEOUT)
        .withMaxMembers(maxMembers);
  }

  /** Each member in these tests is a session of its own account. */
  private static UserId userOf(MemberId member) {
    return new UserId("u-" + member.value());
  }

  private static Intent joinIntent(MemberId member, String name) {
    return new Intent.Join(name, userOf(member), false);
  }

  private Decision act(MemberId who, Intent intent) {
    Decision d = decider.decide(room, who, intent, clock.now());
    room = d.room();
    return d;
  }

  private Decision tick() {
    Decision d = decider.tick(room, clock.now());
    room = d.room();
    return d;
  }

  private static Decision accepted(Decision d) {
    assertThat(d.isRejected()).as("rejected: %s", d.rejection()).isFalse();
    return d;
  }

  /** Asserts the refusal and that it left the very same room object behind. */
  private Decision.Rejection refused(MemberId who, Intent intent, ErrorCode code) {
    Room before = room;
    Decision d = act(who, intent);
    assertThat(d.isRejected()).isTrue();
    assertThat(d.rejection().code()).isEqualTo(code);
    assertThat(d.room()).isSameAs(before);
    assertThat(d.events()).isEmpty();
    return d.rejection();
  }

  /** Asserts an accepted no-op: same room object, nothing to broadcast. */
  private void unchanged(MemberId who, Intent intent) {
    Room before = room;
    Decision d = act(who, intent);
    assertThat(d.isRejected()).as("rejected: %s", d.rejection()).isFalse();
    assertThat(d.room()).isSameAs(before);
    assertThat(d.events()).isEmpty();
  }

  private long v() {
    return room.timeline().version();
  }

  private Timeline timeline() {
    return room.timeline();
  }

  private Member member(MemberId id) {
    return room.member(id).orElseThrow();
  }

  private void join(MemberId... ids) {
    for (MemberId id : ids) accepted(act(id, joinIntent(id, id.value())));
  }

  private void setMedia() {
    accepted(act(ANN, new Intent.SetMedia(v(), "film.mp4")));
  }

  /** ann, bob and cat in a room whose film started at position 0 right now. */
  private void playingFromZeroNow() {
    join(ANN, BOB, CAT);
    setMedia();
    accepted(act(ANN, new Intent.Play(v())));
    clock.elapse(MIN_LEAD);
    assertThat(timeline().positionAt(clock.now())).isZero();
  }

  private double positionNow() {
    return timeline().positionAt(clock.now());
  }

  private static TimelineChanged timelineChanged(Decision d) {
    return d.events().stream()
        .filter(TimelineChanged.class::isInstance)
        .map(TimelineChanged.class::cast)
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no TimelineChanged in " + d.events()));
  }

  // ---- joining ----------------------------------------------------------------------------

  @Nested
  class Joining {
    @Test
    void join_ofTheOwnersUser_isOwnerReadyAndConnected() {
      Decision d = accepted(act(ANN, joinIntent(ANN, "Ann")));

      Member ann = member(ANN);
      assertThat(ann).isEqualTo(
          new Member(ANN, userOf(ANN), "Ann", Role.OWNER, Connection.CONNECTED, Readiness.READY, T0, 0, null, null));
      assertThat(d.events()).containsExactly(new MemberJoined(ann));
    }

    @Test
    void join_fromAnotherKindOfClient_keepsItsKindThroughStateChanges() {
      join(ANN);
      accepted(act(BOB, new Intent.Join("Bob", userOf(BOB), true, false, "syncplay")));
      accepted(act(BOB, new Intent.Report(12, 40)));
      accepted(act(BOB, new Intent.Disconnect()));

      assertThat(member(BOB).client()).isEqualTo("syncplay");
      assertThat(member(ANN).client()).isNull();
    }

    @Test
    void join_laterMembers_areMembersInJoiningOrder() {
      join(ANN);
      clock.elapse(1_000);
      join(BOB, CAT);

      assertThat(member(BOB).role()).isEqualTo(Role.MEMBER);
      assertThat(member(BOB).joinedAtMs()).isEqualTo(T0 + 1_000);
      assertThat(room.members()).extracting(Member::id).containsExactly(ANN, BOB, CAT);
    }

    @Test
    void join_stripsDisplayName() {
      accepted(act(ANN, joinIntent(ANN, "  Ann  ")));

      assertThat(member(ANN).displayName()).isEqualTo("Ann");
    }

    @Test
    void join_acceptsNameOfMaximumLength() {
      accepted(act(ANN, joinIntent(ANN, "a".repeat(Member.MAX_NAME_LENGTH))));

      assertThat(member(ANN).displayName()).hasSize(Member.MAX_NAME_LENGTH);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "Bo\nb", "tab\there", "bell\u0007", "nul\u0000"})
    void join_withBlankOrControlCharacterName_isInvalidArgument(String name) {
      refused(ANN, joinIntent(ANN, name), ErrorCode.INVALID_ARGUMENT);
      assertThat(room.members()).isEmpty();
    }

    @Test
    void join_withOverlongName_isInvalidArgument() {
      refused(ANN, joinIntent(ANN, "a".repeat(Member.MAX_NAME_LENGTH + 1)), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void join_twice_isInvalidArgument() {
      join(ANN);

      refused(ANN, joinIntent(ANN, "Ann again"), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void join_fullRoom_isRefusedWithRoomFull_countingDisconnectedMembers() {
      room = roomWith(settings(ControlMode.EVERYONE, BufferingPolicy.WAIT_FOR_ALL, 2));
      join(ANN, BOB);
      accepted(act(BOB, new Intent.Disconnect()));

      refused(CAT, joinIntent(CAT, "Cat"), ErrorCode.ROOM_FULL);
    }

    @Test
    void join_whilePaused_isReady() {
      join(ANN);
      setMedia();

      join(BOB);

      assertThat(member(BOB).readiness()).isEqualTo(Readiness.READY);
    }

    @Test
    void join_whilePlaying_isCatchingUp_andTimelineGivesItsPositionNow() {
      playingFromZeroNow();
      clock.elapse(60_000);
      long versionBefore = v();

      Decision d = accepted(act(DAN, joinIntent(DAN, "Dan")));

      assertThat(member(DAN).readiness()).isEqualTo(Readiness.CATCHING_UP);
      assertThat(member(DAN).role()).isEqualTo(Role.MEMBER);
      assertThat(d.events()).containsExactly(new MemberJoined(member(DAN)), new RoomEvent.RosterChanged(room.roster()));
      assertThat(v()).as("joining does not touch the timeline").isEqualTo(versionBefore);
      assertThat(positionNow()).isEqualTo(60_000.0);
    }

    @Test
    void join_whileWaiting_doesNotHoldTheRoom() {
      playingFromZeroNow();
      accepted(act(BOB, new Intent.Buffering(v())));

      join(DAN);
      accepted(act(BOB, new Intent.Ready(v())));

      assertThat(member(DAN).readiness()).isEqualTo(Readiness.CATCHING_UP);
      assertThat(timeline().state()).isEqualTo(PlaybackState.PLAYING);
    }

    @Test
    void anyIntent_fromNonMember_isRefusedWithNotAMember() {
      join(ANN);
      setMedia();

      refused(DAN, new Intent.Play(v()), ErrorCode.NOT_A_MEMBER);
      refused(DAN, new Intent.Buffering(v()), ErrorCode.NOT_A_MEMBER);
      refused(DAN, new Intent.Report(0, 50), ErrorCode.NOT_A_MEMBER);
      refused(DAN, new Intent.Leave(), ErrorCode.NOT_A_MEMBER);
    }
  }

  // ---- play -------------------------------------------------------------------------------

  @Nested
  class Play {
    @BeforeEach
    void pausedRoomWithMedia() {
      join(ANN, BOB, CAT);
      setMedia();
    }

    @Test
    void play_whilePaused_anchorsLeadInTheFuture() {
      Decision d = accepted(act(BOB, new Intent.Play(1)));

      Timeline expected = new Timeline("film.mp4", PlaybackState.PLAYING, 0, T0 + MIN_LEAD, 1.0, 2);
      assertThat(timeline()).isEqualTo(expected);
      assertThat(d.events()).containsExactly(new TimelineChanged(expected, new Cause(BOB, CauseKind.PLAY)));
      assertThat(positionNow()).as("nobody has started yet").isZero();
      assertThat(timeline().positionAt(T0 + MIN_LEAD + 1_000)).isEqualTo(1_000.0);
    }

    @Test
    void play_afterPausedSeek_startsFromThatPosition() {
      accepted(act(ANN, new Intent.Seek(v(), 60_000)));
      clock.elapse(2_000);

      accepted(act(ANN, new Intent.Play(v())));

      assertThat(timeline().anchorPositionMs()).isEqualTo(60_000);
      assertThat(timeline().anchorTimeMs()).isEqualTo(clock.now() + MIN_LEAD);
    }

    @Test
    void play_leadGrowsWithSlowestReportedRoundTrip() {
      accepted(act(BOB, new Intent.Report(3, 400.4)));
      accepted(act(CAT, new Intent.Report(-2, 310)));

      accepted(act(ANN, new Intent.Play(v())));

      assertThat(timeline().anchorTimeMs()).isEqualTo(T0 + 400);
    }

    @Test
    void play_leadIsNeverBelowMinimum() {
      accepted(act(BOB, new Intent.Report(0, 12)));

      accepted(act(ANN, new Intent.Play(v())));

      assertThat(timeline().anchorTimeMs()).isEqualTo(T0 + MIN_LEAD);
    }

    @Test
    void play_leadIsCapped() {
      accepted(act(BOB, new Intent.Report(0, 9_000)));

      accepted(act(ANN, new Intent.Play(v())));

      assertThat(timeline().anchorTimeMs()).isEqualTo(T0 + TOL.maxLeadMs());
    }

    @Test
    void play_leadIgnoresDisconnectedMembers() {
      accepted(act(BOB, new Intent.Report(0, 900)));
      accepted(act(BOB, new Intent.Disconnect()));

      accepted(act(ANN, new Intent.Play(v())));

      assertThat(timeline().anchorTimeMs()).isEqualTo(T0 + MIN_LEAD);
    }

    @Test
    void play_whilePlaying_isAlreadyInEffect() {
      accepted(act(ANN, new Intent.Play(v())));

      unchanged(BOB, new Intent.Play(v()));
    }

    @Test
    void play_withoutMedia_isRefusedWithNoMedia() {
      room = roomWith(RoomSettings.defaults("Empty", WAIT_TIMEOUT));
      join(ANN);

      refused(ANN, new Intent.Play(0), ErrorCode.NO_MEDIA);
      refused(ANN, new Intent.Seek(0, 1_000), ErrorCode.NO_MEDIA);
    }
  }

  // ---- pause ------------------------------------------------------------------------------

  @Nested
  class Pause {
    @BeforeEach
    void playingAtTenSeconds() {
      playingFromZeroNow();
      clock.elapse(10_000);
    }

    @Test
    void pause_withoutShownPosition_stopsAtTimelinePosition() {
      Decision d = accepted(act(BOB, new Intent.Pause(v(), null)));

      Timeline expected = new Timeline("film.mp4", PlaybackState.PAUSED, 10_000, clock.now(), 1.0, 3);
      assertThat(timeline()).isEqualTo(expected);
      assertThat(d.events()).containsExactly(new TimelineChanged(expected, new Cause(BOB, CauseKind.PAUSE)));
      clock.elapse(5_000);
      assertThat(positionNow()).isEqualTo(10_000.0);
    }

    @ParameterizedTest
    @ValueSource(longs = {9_900, 10_000, 10_250, 8_000, 12_000})
    void pause_usesSendersShownPosition_whenWithinTolerance(long shown) {
      accepted(act(BOB, new Intent.Pause(v(), shown)));

      assertThat(timeline().anchorPositionMs()).isEqualTo(shown);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 3_000, 7_999, 12_001, 600_000})
    void pause_ignoresSendersShownPosition_whenBeyondTolerance(long shown) {
      accepted(act(BOB, new Intent.Pause(v(), shown)));

      assertThat(timeline().anchorPositionMs()).isEqualTo(10_000);
    }

    @Test
    void pause_beforeScheduledStart_staysAtAnchor() {
      accepted(act(ANN, new Intent.Seek(v(), 30_000))); // starts at now + 400
      clock.elapse(100);

      accepted(act(BOB, new Intent.Pause(v(), null)));

      assertThat(timeline().anchorPositionMs()).isEqualTo(30_000);
      assertThat(timeline().state()).isEqualTo(PlaybackState.PAUSED);
    }

    @Test
    void pause_withPositionOutOfRange_isInvalidArgument() {
      refused(BOB, new Intent.Pause(v(), -1L), ErrorCode.INVALID_ARGUMENT);
      refused(BOB, new Intent.Pause(v(), ControlRules.MAX_POSITION_MS + 1), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void pause_whilePaused_isAlreadyInEffect() {
      accepted(act(BOB, new Intent.Pause(v(), null)));

      unchanged(CAT, new Intent.Pause(v(), 9_000L));
    }
  }

  // ---- seek -------------------------------------------------------------------------------

  @Nested
  class Seek {
    @Test
    void seek_whilePlaying_anchorsLeadPlusSeekAllowanceAhead() {
      playingFromZeroNow();
      clock.elapse(10_000);

      Decision d = accepted(act(CAT, new Intent.Seek(v(), 60_000)));

      Timeline expected = new Timeline("film.mp4", PlaybackState.PLAYING, 60_000, clock.now() + SEEK_LEAD, 1.0, 3);
      assertThat(timeline()).isEqualTo(expected);
      assertThat(d.events()).containsExactly(new TimelineChanged(expected, new Cause(CAT, CauseKind.SEEK)));
      assertThat(positionNow()).isEqualTo(60_000.0);
    }

    @Test
    void seek_whilePlaying_addsAllowanceToTheRoundTripLead() {
      playingFromZeroNow();
      accepted(act(BOB, new Intent.Report(0, 600)));

      accepted(act(CAT, new Intent.Seek(v(), 60_000)));

      assertThat(timeline().anchorTimeMs()).isEqualTo(clock.now() + 600 + TOL.seekAllowanceMs());
    }

    @Test
    void seek_whilePaused_movesAnchorNowAndStaysPaused() {
      join(ANN, BOB);
      setMedia();
      clock.elapse(1_000);

      Decision d = accepted(act(BOB, new Intent.Seek(v(), 60_000)));

      Timeline expected = new Timeline("film.mp4", PlaybackState.PAUSED, 60_000, clock.now(), 1.0, 2);
      assertThat(timeline()).isEqualTo(expected);
      assertThat(d.events()).containsExactly(new TimelineChanged(expected, new Cause(BOB, CauseKind.SEEK)));
    }

    @Test
    void seek_whilePaused_toWhereRoomAlreadyIs_changesNothing() {
      join(ANN, BOB);
      setMedia();
      accepted(act(BOB, new Intent.Seek(v(), 60_000)));

      unchanged(ANN, new Intent.Seek(v(), 60_000));
    }

    @Test
    void seek_whilePlaying_toTheAnchor_stillRestarts() {
      playingFromZeroNow();
      clock.elapse(5_000);
      long before = v();

      accepted(act(ANN, new Intent.Seek(v(), 0)));

      assertThat(v()).isEqualTo(before + 1);
      assertThat(timeline().anchorTimeMs()).isEqualTo(clock.now() + SEEK_LEAD);
    }

    @Test
    void seek_outOfRange_isInvalidArgument() {
      join(ANN);
      setMedia();

      refused(ANN, new Intent.Seek(v(), -1), ErrorCode.INVALID_ARGUMENT);
      refused(ANN, new Intent.Seek(v(), ControlRules.MAX_POSITION_MS + 1), ErrorCode.INVALID_ARGUMENT);
      accepted(act(ANN, new Intent.Seek(v(), ControlRules.MAX_POSITION_MS)));
    }
  }

  // ---- rate -------------------------------------------------------------------------------

  @Nested
  class Rate {
    @Test
    void setRate_whilePlaying_reanchorsAtNowWithCurrentPosition() {
      playingFromZeroNow();
      clock.elapse(1_000);

      Decision d = accepted(act(BOB, new Intent.SetRate(v(), 2.0)));

      Timeline expected = new Timeline("film.mp4", PlaybackState.PLAYING, 1_000, clock.now(), 2.0, 3);
      assertThat(timeline()).isEqualTo(expected);
      assertThat(d.events()).containsExactly(new TimelineChanged(expected, new Cause(BOB, CauseKind.SET_RATE)));
      clock.elapse(500);
      assertThat(positionNow()).isEqualTo(2_000.0);
    }

    @Test
    void setRate_whilePaused_keepsAnchor() {
      join(ANN);
      setMedia();
      accepted(act(ANN, new Intent.Seek(v(), 5_000)));
      Timeline before = timeline();
      clock.elapse(3_000);

      accepted(act(ANN, new Intent.SetRate(v(), 0.5)));

      assertThat(timeline()).isEqualTo(new Timeline("film.mp4", PlaybackState.PAUSED, 5_000,
          before.anchorTimeMs(), 0.5, before.version() + 1));
    }

    @Test
    void setRate_beforeScheduledStart_keepsTheScheduledStart() {
      join(ANN);
      setMedia();
      accepted(act(ANN, new Intent.Play(v())));
      clock.elapse(50);

      accepted(act(ANN, new Intent.SetRate(v(), 1.5)));

      assertThat(timeline().anchorTimeMs()).isEqualTo(T0 + MIN_LEAD);
      assertThat(timeline().anchorPositionMs()).isZero();
      assertThat(timeline().rate()).isEqualTo(1.5);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.2, 4.5, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void setRate_outOfRange_isInvalidArgument(double rate) {
      join(ANN);
      setMedia();

      refused(ANN, new Intent.SetRate(v(), rate), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void setRate_toCurrentRate_changesNothing() {
      join(ANN);
      setMedia();

      unchanged(ANN, new Intent.SetRate(v(), 1.0));
    }
  }

  // ---- media ------------------------------------------------------------------------------

  @Nested
  class Media {
    @Test
    void setMedia_resetsTimelineToPausedStartAtNominalRate() {
      playingFromZeroNow();
      accepted(act(ANN, new Intent.SetRate(v(), 1.5)));
      clock.elapse(20_000);

      Decision d = accepted(act(BOB, new Intent.SetMedia(v(), "other.mp4")));

      Timeline expected = new Timeline("other.mp4", PlaybackState.PAUSED, 0, clock.now(), 1.0, 4);
      assertThat(timeline()).isEqualTo(expected);
      assertThat(d.events()).containsExactly(new TimelineChanged(expected, new Cause(BOB, CauseKind.SET_MEDIA)));
      assertThat(room.waitDeadlineMs()).isZero();
    }

    @Test
    void setMedia_marksCatchingUpMembersReady() {
      playingFromZeroNow();
      join(DAN);
      assertThat(member(DAN).readiness()).isEqualTo(Readiness.CATCHING_UP);

      accepted(act(ANN, new Intent.SetMedia(v(), "other.mp4")));

      assertThat(member(DAN).readiness()).isEqualTo(Readiness.READY);
    }

    @Test
    void setMedia_toCurrentMedia_changesNothing() {
      join(ANN);
      setMedia();

      unchanged(ANN, new Intent.SetMedia(v(), "film.mp4"));
    }

    @Test
    void setMedia_withBadId_isInvalidArgument() {
      join(ANN);
      setMedia();

      refused(ANN, new Intent.SetMedia(v(), ""), ErrorCode.INVALID_ARGUMENT);
      refused(ANN, new Intent.SetMedia(v(), "  "), ErrorCode.INVALID_ARGUMENT);
      refused(ANN, new Intent.SetMedia(v(), null), ErrorCode.INVALID_ARGUMENT);
      refused(ANN, new Intent.SetMedia(v(), "m".repeat(ControlRules.MAX_MEDIA_ID_LENGTH + 1)),
          ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void setMedia_withBadId_inRoomWithoutMedia_isInvalidArgumentNotNoMedia() {
      join(ANN);

      refused(ANN, new Intent.SetMedia(0, ""), ErrorCode.INVALID_ARGUMENT);
      refused(ANN, new Intent.SetRate(0, 9.0), ErrorCode.INVALID_ARGUMENT);
    }
  }

  // ---- control mode -----------------------------------------------------------------------

  @Nested
  class ModeratorsOnly {
    @BeforeEach
    void moderatorsOnlyRoom() {
      room = roomWith(settings(ControlMode.MODERATORS, BufferingPolicy.WAIT_FOR_ALL, 10));
      join(ANN, BOB);
      setMedia();
    }

    @Test
    void moderatorsOnly_refusesEveryControlIntentFromMembersWithNotAllowed() {
      refused(BOB, new Intent.Play(v()), ErrorCode.NOT_ALLOWED);
      refused(BOB, new Intent.Pause(v(), null), ErrorCode.NOT_ALLOWED);
      refused(BOB, new Intent.Seek(v(), 1_000), ErrorCode.NOT_ALLOWED);
      refused(BOB, new Intent.SetRate(v(), 2.0), ErrorCode.NOT_ALLOWED);
      refused(BOB, new Intent.SetMedia(v(), "other.mp4"), ErrorCode.NOT_ALLOWED);
    }

    @Test
    void moderatorsOnly_letsTheOwnerControl() {
      accepted(act(ANN, new Intent.Play(v())));

      assertThat(timeline().state()).isEqualTo(PlaybackState.PLAYING);
    }

    @Test
    void moderatorsOnly_stillAcceptsMembersPlayerReports() {
      accepted(act(ANN, new Intent.Play(v())));

      accepted(act(BOB, new Intent.Buffering(v())));

      assertThat(timeline().state()).isEqualTo(PlaybackState.WAITING);
    }

    @Test
    void moderatorsOnly_ownerLeaving_handsNothingOn() {
      accepted(act(ANN, new Intent.Leave()));

      refused(BOB, new Intent.Play(v()), ErrorCode.NOT_ALLOWED);
    }

    @Test
    void moderatorsOnly_aModeratorMayControl() {
      room = accepted(decider.administer(room, userOf(ANN), new AdminIntent.ChangeRole(userOf(BOB), Role.MODERATOR),
          clock.now())).room();

      accepted(act(BOB, new Intent.Play(v())));
    }
  }

  // ---- versions and conflicts -------------------------------------------------------------

  @Nested
  class Versions {
    @BeforeEach
    void pausedRoomWithMedia() {
      join(ANN, BOB, CAT);
      setMedia(); // version 1
    }

    @Test
    void control_withVersionFromFuture_isRefused() {
      refused(ANN, new Intent.Play(2), ErrorCode.VERSION_FROM_FUTURE);
      refused(ANN, new Intent.Seek(99, 1_000), ErrorCode.VERSION_FROM_FUTURE);
    }

    @Test
    void playerReport_withVersionFromFuture_isRefused() {
      refused(BOB, new Intent.Buffering(2), ErrorCode.VERSION_FROM_FUTURE);
      refused(BOB, new Intent.Ready(2), ErrorCode.VERSION_FROM_FUTURE);
    }

    @Test
    void control_withStaleVersion_isRefusedWithConflict() {
      accepted(act(ANN, new Intent.Play(1)));
      Timeline current = timeline();

      Decision.Rejection r = refused(BOB, new Intent.Pause(1, null), ErrorCode.CONFLICT);

      assertThat(r.message()).contains("version 2");
      assertThat(timeline()).isEqualTo(current);
    }

    @Test
    void control_withStaleVersion_alreadyInEffect_changesNothing() {
      accepted(act(ANN, new Intent.Play(1)));

      unchanged(BOB, new Intent.Play(1));
      assertThat(v()).isEqualTo(2);
    }

    @Test
    void simultaneousPresses_secondGetsConflict_andRoomHasOneTimeline() {
      Decision first = accepted(act(ANN, new Intent.Seek(1, 30_000)));
      Decision second = act(BOB, new Intent.Seek(1, 90_000));

      assertThat(second.rejection().code()).isEqualTo(ErrorCode.CONFLICT);
      assertThat(second.room()).isSameAs(first.room());
      assertThat(timeline().anchorPositionMs()).isEqualTo(30_000);
      assertThat(v()).isEqualTo(2);
    }

    @Test
    void simultaneousPlays_secondIsAlreadyInEffect() {
      accepted(act(ANN, new Intent.Play(1)));
      Timeline afterFirst = timeline();

      unchanged(BOB, new Intent.Play(1));

      assertThat(timeline()).isEqualTo(afterFirst);
    }

    @Test
    void playerReport_withStaleVersion_isStillAccepted() {
      accepted(act(ANN, new Intent.Play(1)));
      accepted(act(ANN, new Intent.Seek(2, 1_000)));

      accepted(act(BOB, new Intent.Buffering(1)));

      assertThat(member(BOB).readiness()).isEqualTo(Readiness.BUFFERING);
    }
  }

  // ---- buffering --------------------------------------------------------------------------

  @Nested
  class Buffering {
    @Test
    void buffering_whilePlaying_underWaitForAll_holdsRoomAtCurrentPosition() {
      playingFromZeroNow();
      clock.elapse(5_000);

      Decision d = accepted(act(BOB, new Intent.Buffering(v())));

      Timeline expected = new Timeline("film.mp4", PlaybackState.WAITING, 5_000, clock.now(), 1.0, 3);
      assertThat(timeline()).isEqualTo(expected);
      assertThat(member(BOB).readiness()).isEqualTo(Readiness.BUFFERING);
      assertThat(room.waitDeadlineMs()).isEqualTo(clock.now() + WAIT_TIMEOUT);
      assertThat(d.events()).containsExactly(
          new MemberChanged(member(BOB)),
          new TimelineChanged(expected, new Cause(BOB, CauseKind.BUFFERING)));
      clock.elapse(3_000);
      assertThat(positionNow()).isEqualTo(5_000.0);
    }

    @Test
    void ready_ofLastBufferingMember_resumesWithLead() {
      playingFromZeroNow();
      clock.elapse(5_000);
      accepted(act(BOB, new Intent.Buffering(v())));
      clock.elapse(2_000);

      Decision d = accepted(act(BOB, new Intent.Ready(v())));

      Timeline expected = new Timeline("film.mp4", PlaybackState.PLAYING, 5_000, clock.now() + MIN_LEAD, 1.0, 4);
      assertThat(timeline()).isEqualTo(expected);
      assertThat(room.waitDeadlineMs()).isZero();
      assertThat(d.events()).containsExactly(
          new MemberChanged(member(BOB)),
          new TimelineChanged(expected, new Cause(BOB, CauseKind.READY)));
    }

    @Test
    void ready_whileAnotherMemberStillBuffers_keepsWaiting() {
      playingFromZeroNow();
      accepted(act(BOB, new Intent.Buffering(v())));
      accepted(act(CAT, new Intent.Buffering(v())));
      long deadline = room.waitDeadlineMs();

      Decision d = accepted(act(BOB, new Intent.Ready(v())));

      assertThat(timeline().state()).isEqualTo(PlaybackState.WAITING);
      assertThat(room.waitDeadlineMs()).isEqualTo(deadline);
      assertThat(d.events()).containsExactly(new MemberChanged(member(BOB)));

      accepted(act(CAT, new Intent.Ready(v())));
      assertThat(timeline().state()).isEqualTo(PlaybackState.PLAYING);
    }

    @Test
    void tick_beforeWaitTimeout_changesNothing() {
      playingFromZeroNow();
      accepted(act(BOB, new Intent.Buffering(v())));
      Room waiting = room;
      clock.elapse(WAIT_TIMEOUT - 1);

      Decision d = tick();

      assertThat(d.room()).isSameAs(waiting);
      assertThat(d.events()).isEmpty();
    }

    @Test
    void tick_afterWaitTimeout_resumesAndMarksStragglersCatchingUp() {
      playingFromZeroNow();
      clock.elapse(5_000);
      accepted(act(BOB, new Intent.Buffering(v())));
      clock.elapse(WAIT_TIMEOUT);

      Decision d = accepted(tick());

      Timeline expected = new Timeline("film.mp4", PlaybackState.PLAYING, 5_000, clock.now() + MIN_LEAD, 1.0, 4);
      assertThat(timeline()).isEqualTo(expected);
      assertThat(member(BOB).readiness()).isEqualTo(Readiness.CATCHING_UP);
      assertThat(room.waitDeadlineMs()).isZero();
      assertThat(d.events()).containsExactly(
          new MemberChanged(member(BOB)),
          new TimelineChanged(expected, new Cause(null, CauseKind.WAIT_TIMEOUT)));
    }

    @Test
    void buffering_ofStraggler_doesNotStallRoomAgain() {
      playingFromZeroNow();
      accepted(act(BOB, new Intent.Buffering(v())));
      clock.elapse(WAIT_TIMEOUT);
      tick();
      clock.elapse(1_000);

      unchanged(BOB, new Intent.Buffering(v()));

      assertThat(timeline().state()).isEqualTo(PlaybackState.PLAYING);
    }

    @Test
    void straggler_sayingReady_becomesReadyWithoutTouchingTimeline() {
      playingFromZeroNow();
      accepted(act(BOB, new Intent.Buffering(v())));
      clock.elapse(WAIT_TIMEOUT);
      tick();
      Timeline playing = timeline();

      Decision d = accepted(act(BOB, new Intent.Ready(v())));

      assertThat(member(BOB).readiness()).isEqualTo(Readiness.READY);
      assertThat(timeline()).isEqualTo(playing);
      assertThat(d.events()).containsExactly(new MemberChanged(member(BOB)));
    }

    @Test
    void memberThatNeverSaysReady_cannotStallTheRoom() {
      playingFromZeroNow();
      accepted(act(BOB, new Intent.Buffering(v())));
      clock.elapse(1_000);
      unchanged(ANN, new Intent.Play(v())); // pressing play again does not extend the wait
      assertThat(room.nextDeadline(GRACE)).hasValue(T0 + MIN_LEAD + WAIT_TIMEOUT);

      clock.elapse(WAIT_TIMEOUT - 1_000);
      tick();
      assertThat(timeline().state()).isEqualTo(PlaybackState.PLAYING);

      // bob is still silent: later plays and seeks are not held for him again
      accepted(act(ANN, new Intent.Pause(v(), null)));
      accepted(act(ANN, new Intent.Play(v())));
      assertThat(timeline().state()).isEqualTo(PlaybackState.PLAYING);
      accepted(act(ANN, new Intent.Seek(v(), 90_000)));
      assertThat(timeline().state()).isEqualTo(PlaybackState.PLAYING);
    }

    @Test
    void play_whileMemberBuffers_waitsUntilItIsReady() {
      join(ANN, BOB);
      setMedia();
      accepted(act(BOB, new Intent.Buffering(v())));
      assertThat(timeline().state()).as("a paused room does not wait").isEqualTo(PlaybackState.PAUSED);

      Decision d = accepted(act(ANN, new Intent.Play(v())));

      assertThat(timeline().state()).isEqualTo(PlaybackState.WAITING);
      assertThat(room.waitDeadlineMs()).isEqualTo(clock.now() + WAIT_TIMEOUT);
      assertThat(timelineChanged(d).cause()).isEqualTo(new Cause(ANN, CauseKind.PLAY));

      clock.elapse(700);
      accepted(act(BOB, new Intent.Ready(v())));
      assertThat(timeline().state()).isEqualTo(PlaybackState.PLAYING);
      assertThat(timeline().anchorTimeMs()).isEqualTo(clock.now() + MIN_LEAD);
    }

    @Test
    void seek_whilePlaying_withMemberBuffering_waitsAtTheNewPosition() {
      playingFromZeroNow();
      accepted(act(BOB, new Intent.Buffering(v())));
      accepted(act(BOB, new Intent.Ready(v())));
      accepted(act(CAT, new Intent.Report(0, 50)));
      clock.elapse(1_000);
      accepted(act(BOB, new Intent.Buffering(v())));
      accepted(act(BOB, new Intent.Ready(v())));
      // now with a fresh buffering member while playing, a seek waits at the target
      accepted(act(ANN, new Intent.Pause(v(), null)));
      accepted(act(CAT, new Intent.Buffering(v())));
      accepted(act(ANN, new Intent.Play(v())));
      assertThat(timeline().state()).isEqualTo(PlaybackState.WAITING);

      accepted(act(ANN, new Intent.Seek(v(), 42_000)));

      assertThat(timeline().state()).isEqualTo(PlaybackState.WAITING);
      assertThat(timeline().anchorPositionMs()).isEqualTo(42_000);
      assertThat(room.nextDeadline(GRACE)).isPresent();
    }

    @Test
    void buffering_whileAlreadyBuffering_changesNothing() {
      playingFromZeroNow();
      accepted(act(BOB, new Intent.Buffering(v())));

      unchanged(BOB, new Intent.Buffering(v()));
    }

    @Test
    void needsClick_whilePlaying_underWaitForAll_showsTheMemberAndHoldsTheRoomForThem() {
      playingFromZeroNow();
      clock.elapse(5_000);

      Decision d = accepted(act(BOB, new Intent.NeedsClick(v())));

      Timeline expected = new Timeline("film.mp4", PlaybackState.WAITING, 5_000, clock.now(), 1.0, 3);
      assertThat(member(BOB).readiness()).isEqualTo(Readiness.NEEDS_CLICK);
      assertThat(timeline()).isEqualTo(expected);
      assertThat(d.events()).containsExactly(
          new MemberChanged(member(BOB)),
          new TimelineChanged(expected, new Cause(BOB, CauseKind.NEEDS_CLICK)));
    }

    @Test
    void ready_afterTheClick_resumesTheRoom() {
      playingFromZeroNow();
      clock.elapse(5_000);
      accepted(act(BOB, new Intent.NeedsClick(v())));
      clock.elapse(2_000);

      accepted(act(BOB, new Intent.Ready(v())));

      assertThat(member(BOB).readiness()).isEqualTo(Readiness.READY);
      assertThat(timeline().state()).isEqualTo(PlaybackState.PLAYING);
      assertThat(timeline().anchorPositionMs()).isEqualTo(5_000);
    }

    @Test
    void aPlay_underWaitForAll_waitsForAMemberWhoNeedsAClick_untilTheTimeout() {
      join(ANN, BOB, CAT);
      setMedia();
      accepted(act(BOB, new Intent.NeedsClick(v()))); // paused room: only shown
      assertThat(timeline().state()).isEqualTo(PlaybackState.PAUSED);

      accepted(act(ANN, new Intent.Play(v())));

      assertThat(timeline().state()).isEqualTo(PlaybackState.WAITING);
      clock.elapse(WAIT_TIMEOUT);
      tick();
      assertThat(timeline().state()).isEqualTo(PlaybackState.PLAYING);
      assertThat(member(BOB).readiness()).as("left to catch up").isEqualTo(Readiness.CATCHING_UP);
    }

    @Test
    void needsClick_underNeverWait_onlyShowsTheMember() {
      room = roomWith(settings(ControlMode.EVERYONE, BufferingPolicy.NEVER_WAIT, 10));
      playingFromZeroNow();

      Decision d = accepted(act(BOB, new Intent.NeedsClick(v())));

      assertThat(timeline().state()).isEqualTo(PlaybackState.PLAYING);
      assertThat(d.events()).containsExactly(new MemberChanged(member(BOB)));
    }

    @Test
    void ready_whileReady_changesNothing() {
      playingFromZeroNow();

      unchanged(BOB, new Intent.Ready(v()));
    }

    @Test
    void neverWait_keepsPlaying_whenMemberBuffers() {
      room = roomWith(settings(ControlMode.EVERYONE, BufferingPolicy.NEVER_WAIT, 10));
      playingFromZeroNow();
      Timeline playing = timeline();

      Decision d = accepted(act(BOB, new Intent.Buffering(v())));

      assertThat(timeline()).isEqualTo(playing);
      assertThat(member(BOB).readiness()).isEqualTo(Readiness.BUFFERING);
      assertThat(d.events()).containsExactly(new MemberChanged(member(BOB)));
      assertThat(room.nextDeadline(GRACE)).isEmpty();
    }

    @Test
    void neverWait_playStartsDespiteBufferingMember() {
      room = roomWith(settings(ControlMode.EVERYONE, BufferingPolicy.NEVER_WAIT, 10));
      join(ANN, BOB);
      setMedia();
      accepted(act(BOB, new Intent.Buffering(v())));

      accepted(act(ANN, new Intent.Play(v())));

      assertThat(timeline().state()).isEqualTo(PlaybackState.PLAYING);
    }

    @Test
    void disconnect_ofBufferingMember_releasesWaitingRoom() {
      playingFromZeroNow();
      clock.elapse(3_000);
      accepted(act(BOB, new Intent.Buffering(v())));
      clock.elapse(1_000);

      Decision d = accepted(act(BOB, new Intent.Disconnect()));

      assertThat(timeline().state()).isEqualTo(PlaybackState.PLAYING);
      assertThat(timeline().anchorPositionMs()).isEqualTo(3_000);
      assertThat(timeline().anchorTimeMs()).isEqualTo(clock.now() + MIN_LEAD);
      assertThat(timelineChanged(d).cause().kind()).isEqualTo(CauseKind.READY);
    }

    @Test
    void disconnectedBufferingMember_doesNotHoldAPlay() {
      join(ANN, BOB);
      setMedia();
      accepted(act(BOB, new Intent.Buffering(v())));
      accepted(act(BOB, new Intent.Disconnect()));

      accepted(act(ANN, new Intent.Play(v())));

      assertThat(timeline().state()).isEqualTo(PlaybackState.PLAYING);
    }

    @Test
    void buffering_ofDisconnectedMember_doesNotHoldRoom() {
      playingFromZeroNow();
      accepted(act(BOB, new Intent.Disconnect()));

      accepted(act(BOB, new Intent.Buffering(v())));

      assertThat(timeline().state()).isEqualTo(PlaybackState.PLAYING);
    }

    @Test
    void leave_ofBufferingMember_releasesWaitingRoom() {
      playingFromZeroNow();
      accepted(act(BOB, new Intent.Buffering(v())));

      Decision d = accepted(act(BOB, new Intent.Leave()));

      assertThat(timeline().state()).isEqualTo(PlaybackState.PLAYING);
      assertThat(d.events()).startsWith(new MemberLeft(BOB, LeaveReason.LEFT));
    }

    @Test
    void pause_whileWaiting_stopsWaiting() {
      playingFromZeroNow();
      clock.elapse(2_000);
      accepted(act(BOB, new Intent.Buffering(v())));

      accepted(act(ANN, new Intent.Pause(v(), null)));

      assertThat(timeline().state()).isEqualTo(PlaybackState.PAUSED);
      assertThat(timeline().anchorPositionMs()).isEqualTo(2_000);
      assertThat(room.waitDeadlineMs()).isZero();
      assertThat(room.nextDeadline(GRACE)).isEmpty();
    }
  }

  // ---- connections ------------------------------------------------------------------------

  @Nested
  class Connections {
    @BeforeEach
    void threeMembers() {
      join(ANN);
      clock.elapse(10);
      join(BOB);
      clock.elapse(10);
      join(CAT);
    }

    @Test
    void disconnect_keepsIdentityAndRole() {
      clock.elapse(1_000);

      Decision d = accepted(act(ANN, new Intent.Disconnect()));

      Member ann = member(ANN);
      assertThat(ann.connection()).isEqualTo(Connection.DISCONNECTED);
      assertThat(ann.role()).isEqualTo(Role.OWNER);
      assertThat(ann.disconnectedAtMs()).isEqualTo(clock.now());
      assertThat(room.connectedCount()).isEqualTo(2);
      assertThat(d.events()).containsExactly(new MemberChanged(ann));
    }

    @Test
    void disconnect_twice_changesNothing() {
      accepted(act(BOB, new Intent.Disconnect()));

      unchanged(BOB, new Intent.Disconnect());
    }

    @Test
    void reconnect_withinGrace_restoresMember() {
      accepted(act(BOB, new Intent.Report(4, 80)));
      accepted(act(BOB, new Intent.Disconnect()));
      clock.elapse(GRACE - 1);

      Decision d = accepted(act(BOB, new Intent.Reconnect()));

      Member bob = member(BOB);
      assertThat(bob).isEqualTo(
          new Member(BOB, userOf(BOB), "bob", Role.MEMBER, Connection.CONNECTED, Readiness.READY, T0 + 10, 0, null, null));
      assertThat(d.events()).containsExactly(new MemberChanged(bob));
      clock.elapse(GRACE);
      Room before = room;
      assertThat(tick().room()).isSameAs(before);
    }

    @Test
    void reconnect_whenConnected_changesNothing() {
      unchanged(BOB, new Intent.Reconnect());
    }

    @Test
    void tick_justBeforeGraceEnds_keepsMember() {
      accepted(act(BOB, new Intent.Disconnect()));
      clock.elapse(GRACE - 1);
      Room before = room;

      Decision d = tick();

      assertThat(d.room()).isSameAs(before);
      assertThat(d.events()).isEmpty();
    }

    @Test
    void tick_afterReconnectGrace_removesMember() {
      accepted(act(BOB, new Intent.Disconnect()));
      clock.elapse(GRACE);

      Decision d = tick();

      assertThat(room.member(BOB)).isEmpty();
      assertThat(d.events()).containsExactly(new MemberLeft(BOB, LeaveReason.TIMED_OUT));
    }

    @Test
    void tick_afterOwnersGrace_removesTheSessionButTheUserStaysOwner() {
      accepted(act(ANN, new Intent.Disconnect()));
      clock.elapse(GRACE);

      Decision d = tick();

      assertThat(room.member(ANN)).isEmpty();
      assertThat(room.roster().owner()).isEqualTo(userOf(ANN));
      assertThat(member(BOB).role()).isEqualTo(Role.MEMBER);
      assertThat(d.events()).containsExactly(new MemberLeft(ANN, LeaveReason.TIMED_OUT));
    }

    @Test
    void leave_ofOwner_promotesNobody() {
      Decision d = accepted(act(ANN, new Intent.Leave()));

      assertThat(room.members()).extracting(Member::role).containsOnly(Role.MEMBER);
      assertThat(d.events()).containsExactly(new MemberLeft(ANN, LeaveReason.LEFT));
    }

    @Test
    void leave_ofLastMembers_emptiesRoom() {
      accepted(act(ANN, new Intent.Leave()));
      accepted(act(BOB, new Intent.Leave()));
      Decision d = accepted(act(CAT, new Intent.Leave()));

      assertThat(room.members()).isEmpty();
      assertThat(room.roster().entries()).hasSize(3);
      assertThat(d.events()).containsExactly(new MemberLeft(CAT, LeaveReason.LEFT));
    }

    @Test
    void rejoin_afterLeaving_isANewSessionWithTheSameRole() {
      accepted(act(ANN, new Intent.Leave()));
      clock.elapse(1_000);

      join(ANN);

      assertThat(member(ANN).role()).isEqualTo(Role.OWNER);
      assertThat(room.members()).extracting(Member::id).containsExactly(BOB, CAT, ANN);
    }
  }

  // ---- reports ----------------------------------------------------------------------------

  @Nested
  class Reports {
    @BeforeEach
    void twoMembers() {
      join(ANN, BOB);
    }

    @Test
    void report_storesDriftAndRoundTrip() {
      Decision d = accepted(act(BOB, new Intent.Report(-12.5, 84.0)));

      assertThat(member(BOB).driftMs()).isEqualTo(-12.5);
      assertThat(member(BOB).rttMs()).isEqualTo(84.0);
      assertThat(d.events()).containsExactly(new MemberChanged(member(BOB)));
    }

    @Test
    void aPlayerThatWaits_hasNoDrift_untilItReportsAgain() {
      accepted(act(BOB, new Intent.Report(-12.5, 84.0)));

      accepted(act(BOB, new Intent.Buffering(v())));
      assertThat(member(BOB).driftMs()).as("buffering: its last error was stale").isNull();
      assertThat(member(BOB).rttMs()).as("its round trip still holds").isEqualTo(84.0);

      accepted(act(BOB, new Intent.Ready(v())));
      assertThat(member(BOB).driftMs()).as("ready, not reported yet").isNull();
      Decision d = accepted(act(BOB, new Intent.Report(-12.5, 84.0)));
      assertThat(d.events()).as("the same figures as before it waited are news").hasSize(1);
      assertThat(member(BOB).driftMs()).isEqualTo(-12.5);

      accepted(act(BOB, new Intent.NeedsClick(v())));
      assertThat(member(BOB).driftMs()).as("waiting for a click").isNull();
    }

    @Test
    void report_atBounds_isAccepted() {
      accepted(act(BOB, new Intent.Report(-24 * 3_600_000.0, 0)));
      accepted(act(BOB, new Intent.Report(24 * 3_600_000.0, 60_000)));
    }

    @Test
    void report_outOfRange_isInvalidArgument() {
      refused(BOB, new Intent.Report(0, -1), ErrorCode.INVALID_ARGUMENT);
      refused(BOB, new Intent.Report(0, 60_001), ErrorCode.INVALID_ARGUMENT);
      refused(BOB, new Intent.Report(0, Double.NaN), ErrorCode.INVALID_ARGUMENT);
      refused(BOB, new Intent.Report(0, Double.POSITIVE_INFINITY), ErrorCode.INVALID_ARGUMENT);
      refused(BOB, new Intent.Report(Double.NaN, 50), ErrorCode.INVALID_ARGUMENT);
      refused(BOB, new Intent.Report(Double.NEGATIVE_INFINITY, 50), ErrorCode.INVALID_ARGUMENT);
      refused(BOB, new Intent.Report(25 * 3_600_000.0, 50), ErrorCode.INVALID_ARGUMENT);
      assertThat(member(BOB).rttMs()).isNull();
    }

    @Test
    void reports_addUpTheirCorrections_untilTheConnectionEnds() {
      assertThat(member(BOB).corrections()).isEqualTo(Corrections.NONE);
      accepted(act(BOB, new Intent.Report(30, 40, 2, 0)));
      accepted(act(BOB, new Intent.Report(4, 40, 1, 1)));
      accepted(act(BOB, new Intent.Report(3, 40)));
      assertThat(member(BOB).corrections()).isEqualTo(new Corrections(3, 1));

      accepted(act(BOB, new Intent.Disconnect()));
      accepted(act(BOB, new Intent.Reconnect()));
      assertThat(member(BOB).corrections()).as("a resumed member starts again, as its drift does")
          .isEqualTo(Corrections.NONE);
    }

    @Test
    void aSoundDelay_isKeptAndShown_isNewsWhenItChanges_andMustBeWithinItsBounds() {
      accepted(act(BOB, new Intent.Report(1, 40)));
      Decision d = accepted(act(BOB, new Intent.Report(1, 40, 0, 0, 180)));
      assertThat(member(BOB).soundDelayMs()).isEqualTo(180);
      assertThat(d.events()).as("the same figures with a new delay are news").containsExactly(new MemberChanged(member(BOB)));

      accepted(act(BOB, new Intent.Report(1, 40)));
      assertThat(member(BOB).soundDelayMs()).as("a report without one: none").isZero();

      refused(BOB, new Intent.Report(1, 40, 0, 0, SoundDelay.MAX_MS + 1), ErrorCode.INVALID_ARGUMENT);
      refused(BOB, new Intent.Report(1, 40, 0, 0, SoundDelay.MIN_MS - 1), ErrorCode.INVALID_ARGUMENT);
      accepted(act(BOB, new Intent.Report(1, 40, 0, 0, SoundDelay.MIN_MS)));
      accepted(act(BOB, new Intent.Report(1, 40, 0, 0, SoundDelay.MAX_MS)));

      accepted(act(BOB, new Intent.Disconnect()));
      accepted(act(BOB, new Intent.Reconnect()));
      assertThat(member(BOB).soundDelayMs()).as("a resumed member reports it again").isZero();
    }

    @Test
    void report_withinThePlayersOwnPrecision_changesNothing() {
      accepted(act(BOB, new Intent.Report(-12.5, 84.0)));
      Room kept = room;

      Decision d = accepted(act(BOB, new Intent.Report(-12.5 + HealthNews.DRIFT_CHANGE_MS - 0.1,
          84.0 - HealthNews.RTT_CHANGE_MS + 0.1)));

      assertThat(d.events()).as("a steady player's minute report is no news").isEmpty();
      assertThat(room).isSameAs(kept);
      assertThat(member(BOB).driftMs()).isEqualTo(-12.5);
    }

    @Test
    void report_thatMovedEitherFigureByAStep_isNews() {
      accepted(act(BOB, new Intent.Report(0, 40)));

      assertThat(accepted(act(BOB, new Intent.Report(-HealthNews.DRIFT_CHANGE_MS, 40))).events()).hasSize(1);
      assertThat(accepted(act(BOB, new Intent.Report(-5, 40 + HealthNews.RTT_CHANGE_MS))).events()).hasSize(1);
      assertThat(member(BOB).driftMs()).isEqualTo(-5.0);
      assertThat(member(BOB).rttMs()).isEqualTo(60.0);
    }

    @Test
    void report_withCorrections_isNews_evenWithTheSameFigures() {
      accepted(act(BOB, new Intent.Report(2, 40)));

      Decision d = accepted(act(BOB, new Intent.Report(2, 40, 1, 0)));

      assertThat(d.events()).hasSize(1);
      assertThat(member(BOB).corrections()).isEqualTo(new Corrections(1, 0));
    }

    @Test
    void firstReport_afterAResume_isNews_whateverItSays() {
      accepted(act(BOB, new Intent.Report(2, 40)));
      accepted(act(BOB, new Intent.Disconnect()));
      accepted(act(BOB, new Intent.Reconnect()));

      assertThat(accepted(act(BOB, new Intent.Report(2, 40))).events()).hasSize(1);
      assertThat(member(BOB).rttMs()).isEqualTo(40.0);
    }

    @Test
    void report_withCorrectionsOutOfRange_isInvalidArgument_andChangesNothing() {
      accepted(act(BOB, new Intent.Report(0, 40, 5, 5)));
      refused(BOB, new Intent.Report(0, 40, -1, 0), ErrorCode.INVALID_ARGUMENT);
      refused(BOB, new Intent.Report(0, 40, 0, -1), ErrorCode.INVALID_ARGUMENT);
      refused(BOB, new Intent.Report(0, 40, Corrections.MAX_PER_REPORT + 1, 0), ErrorCode.INVALID_ARGUMENT);
      refused(BOB, new Intent.Report(0, 40, 0, Corrections.MAX_PER_REPORT + 1), ErrorCode.INVALID_ARGUMENT);
      accepted(act(BOB, new Intent.Report(0, 40, Corrections.MAX_PER_REPORT, 0)));
      assertThat(member(BOB).corrections()).isEqualTo(new Corrections(5 + Corrections.MAX_PER_REPORT, 5));
    }
  }

  // ---- revisions, versions and deadlines --------------------------------------------------

  @Nested
  class Bookkeeping {
    @Test
    void acceptedChange_bumpsRevisionByOne() {
      assertThat(room.revision()).isZero();
      join(ANN);
      assertThat(room.revision()).isEqualTo(1);
      setMedia();
      assertThat(room.revision()).isEqualTo(2);
      accepted(act(ANN, new Intent.Report(0, 40)));
      assertThat(room.revision()).isEqualTo(3);
    }

    @Test
    void rejectedDecision_leavesTheSameRoom() {
      join(ANN);
      Room before = room;

      Decision d = act(ANN, new Intent.Play(0));

      assertThat(d.isRejected()).isTrue();
      assertThat(d.room()).isSameAs(before);
      assertThat(d.room().revision()).isEqualTo(1);
    }

    @Test
    void timelineVersion_movesOnlyWithTheTimeline() {
      join(ANN, BOB);
      assertThat(v()).isZero();
      setMedia();
      accepted(act(BOB, new Intent.Report(1, 30)));
      accepted(act(BOB, new Intent.Disconnect()));
      assertThat(v()).isEqualTo(1);
    }

    @Test
    void nextDeadline_isEmpty_whenNothingIsPending() {
      playingFromZeroNow();

      assertThat(room.nextDeadline(GRACE)).isEmpty();
    }

    @Test
    void nextDeadline_isTheWaitTimeout_whileWaiting() {
      playingFromZeroNow();
      accepted(act(BOB, new Intent.Buffering(v())));

      assertThat(room.nextDeadline(GRACE)).isEqualTo(OptionalLong.of(clock.now() + WAIT_TIMEOUT));
    }

    @Test
    void nextDeadline_isTheEarliestGraceExpiry() {
      join(ANN, BOB, CAT);
      clock.elapse(1_000);
      accepted(act(CAT, new Intent.Disconnect()));
      clock.elapse(1_000);
      accepted(act(BOB, new Intent.Disconnect()));

      assertThat(room.nextDeadline(GRACE)).isEqualTo(OptionalLong.of(T0 + 1_000 + GRACE));
    }

    @Test
    void nextDeadline_isTheEarlierOfWaitAndGrace() {
      playingFromZeroNow();
      accepted(act(CAT, new Intent.Disconnect()));
      accepted(act(BOB, new Intent.Buffering(v())));
      assertThat(room.nextDeadline(GRACE)).isEqualTo(OptionalLong.of(clock.now() + WAIT_TIMEOUT));

      assertThat(room.nextDeadline(1_000)).isEqualTo(OptionalLong.of(clock.now() + 1_000));
    }

    @Test
    void decisionEvents_areImmutable() {
      Decision d = accepted(act(ANN, joinIntent(ANN, "Ann")));

      assertThat(d.events()).isUnmodifiable();
      assertThat(List.copyOf(room.members())).isEqualTo(room.members());
      assertThat(room.members()).isUnmodifiable();
    }
  }
}
