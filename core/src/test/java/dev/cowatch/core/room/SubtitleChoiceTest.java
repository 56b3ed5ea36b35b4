package dev.cowatch.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.RoomEvent.SubtitleChanged;
import dev.cowatch.core.room.RoomEvent.TimelineChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The room's shared subtitle track, decided through {@link RoomDecider} with a fake clock. */
class SubtitleChoiceTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final String FILM = "media:film0000000000001";
  private static final String OTHER = "media:other000000000001";
  private static final MemberId ANN = new MemberId("ann");
  private static final MemberId BOB = new MemberId("bob");
  private static final MemberId GIL = new MemberId("gil");

  private final RoomDecider decider = new RoomDecider(Tolerances.DEFAULTS);
  private final FakeClock clock = new FakeClock(T0);
  private Room room;

  private void roomPlaying(String mediaId, ControlMode mode) {
    room = Room.create(new RoomId("subs-room"), RoomSettings.defaults("Subs", 5_000).withControlMode(mode),
        Roster.ownedBy(new UserId("u-ann"), "Ann", false, T0), mediaId, clock.now());
    act(ANN, new Intent.Join("Ann", new UserId("u-ann"), false));
    act(BOB, new Intent.Join("Bob", new UserId("u-bob"), false));
    act(GIL, new Intent.Join("Gil", new UserId("u-gil"), true));
  }

  private Decision act(MemberId who, Intent intent) {
    Decision d = decider.decide(room, who, intent, clock.now());
    room = d.room();
    return d;
  }

  private static Intent choose(String track, String trackMedia) {
    return new Intent.SetSubtitle(track, trackMedia);
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
  void choosingATrackOfTheRoomsMedia_setsItForEveryone_andSaysWho() {
    roomPlaying(FILM, ControlMode.EVERYONE);
    long revision = room.revision();
    long version = room.timeline().version();

    Decision d = act(BOB, choose("trk1", FILM));

    assertThat(d.isRejected()).isFalse();
    assertThat(room.subtitleTrack()).isEqualTo("trk1");
    assertThat(d.events()).containsExactly(new SubtitleChanged("trk1", BOB));
    assertThat(room.revision()).isEqualTo(revision + 1);
    assertThat(room.timeline().version()).as("the timeline is not touched").isEqualTo(version);
  }

  @Test
  void choosingNone_turnsItOff_andTheSameChoiceAgainChangesNothing() {
    roomPlaying(FILM, ControlMode.EVERYONE);
    act(ANN, choose("trk1", FILM));

    Room before = room;
    Decision again = act(BOB, choose("trk1", FILM));
    assertThat(again.events()).isEmpty();
    assertThat(room).isSameAs(before);

    Decision off = act(BOB, choose(null, null));
    assertThat(room.subtitleTrack()).isNull();
    assertThat(off.events()).containsExactly(new SubtitleChanged(null, BOB));
    assertThat(act(ANN, choose(null, null)).events()).as("already off").isEmpty();
  }

  @Test
  void aTrackOfAnotherMedia_orNoTrackAtAll_isRefused() {
    roomPlaying(FILM, ControlMode.EVERYONE);
    assertThat(refusedCode(ANN, choose("trk1", OTHER))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refusedCode(ANN, choose("nosuch", null))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(room.subtitleTrack()).isNull();
  }

  @Test
  void withoutMedia_aTrackIsRefusedWithNoMedia() {
    roomPlaying(null, ControlMode.EVERYONE);
    assertThat(refusedCode(ANN, choose("trk1", FILM))).isEqualTo(ErrorCode.NO_MEDIA);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "a/b", "<script>", "x12345678901234567890123456789012345678901234567890123456789012345"})
  void malformedTrackIds_areRefused(String track) {
    roomPlaying(FILM, ControlMode.EVERYONE);
    assertThat(refusedCode(ANN, choose(track, FILM))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void inModeratorsMode_onlyTheOwnerAndModeratorsChoose_likePlayback() {
    roomPlaying(FILM, ControlMode.MODERATORS);
    assertThat(refusedCode(BOB, choose("trk1", FILM))).isEqualTo(ErrorCode.NOT_ALLOWED);
    assertThat(refusedCode(GIL, choose(null, null))).isEqualTo(ErrorCode.NOT_ALLOWED);
    assertThat(act(ANN, choose("trk1", FILM)).isRejected()).isFalse();
    assertThat(room.subtitleTrack()).isEqualTo("trk1");
  }

  @Test
  void inEveryoneMode_evenAGuestChooses_asGuestsMayControlPlayback() {
    roomPlaying(FILM, ControlMode.EVERYONE);
    assertThat(act(GIL, choose("trk1", FILM)).isRejected()).isFalse();
    assertThat(Permissions.allows(Role.GUEST, Action.CONTROL_PLAYBACK, room.settings())).isTrue();
  }

  @Test
  void newMedia_resetsTheTrack_inTheSameDecision() {
    roomPlaying(FILM, ControlMode.EVERYONE);
    act(ANN, choose("trk1", FILM));
    clock.elapse(1_000);

    Decision d = act(ANN, new Intent.SetMedia(room.timeline().version(), OTHER));

    assertThat(room.subtitleTrack()).isNull();
    assertThat(room.timeline().mediaId()).isEqualTo(OTHER);
    assertThat(d.events()).hasSize(2);
    assertThat(d.events().get(0)).isInstanceOf(TimelineChanged.class);
    assertThat(d.events().get(1)).isEqualTo(new SubtitleChanged(null, ANN));
  }

  @Test
  void newMedia_withoutSubtitles_sendsNoSubtitleEvent() {
    roomPlaying(FILM, ControlMode.EVERYONE);
    Decision d = act(ANN, new Intent.SetMedia(room.timeline().version(), OTHER));
    assertThat(d.events()).hasSize(1).first().isInstanceOf(TimelineChanged.class);
  }

  @Test
  void playbackChanges_keepTheTrack() {
    roomPlaying(FILM, ControlMode.EVERYONE);
    act(ANN, choose("trk1", FILM));
    act(BOB, new Intent.Play(room.timeline().version()));
    clock.elapse(5_000);
    act(BOB, new Intent.Seek(room.timeline().version(), 60_000));
    act(ANN, new Intent.Pause(room.timeline().version(), null));
    assertThat(room.subtitleTrack()).isEqualTo("trk1");
  }

  @Test
  void someoneWhoLeft_cannotChoose() {
    roomPlaying(FILM, ControlMode.EVERYONE);
    act(BOB, new Intent.Leave());
    assertThat(refusedCode(BOB, choose("trk1", FILM))).isEqualTo(ErrorCode.NOT_A_MEMBER);
  }
}
