package dev.cowatch.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.RoomEvent.CauseKind;
import org.junit.jupiter.api.Test;

/** The room's queue: editing by role, play next, and moving on by itself at the end of a video. */
class QueueTest {
  private static final long T0 = 1_700_000_000_000L;
  private final RoomDecider decider = new RoomDecider(Tolerances.DEFAULTS);
  private static final MemberId ANN = new MemberId("m-ann");
  private static final MemberId GUS = new MemberId("m-gus");
  private Room room = Room.create(new RoomId("room1"),
      RoomSettings.defaults("Film club", 5_000).withBuffering(BufferingPolicy.NEVER_WAIT, 5_000),
      Roster.ownedBy(new UserId("u-ann"), "Ann", false, T0), "one.mp4", T0);

  private Decision act(MemberId who, Intent intent) {
    Decision d = decider.decide(room, who, intent, T0 + 10_000);
    room = d.room();
    return d;
  }

  private void joinBoth() {
    act(ANN, new Intent.Join("Ann", new UserId("u-ann"), false));
    act(GUS, new Intent.Join("Gus", new UserId("g-gus"), true));
  }

  @Test
  void members_who_may_change_media_edit_the_queue_and_guests_do_not() {
    joinBoth();
    assertThat(act(ANN, new Intent.QueueAdd("q1", "two.mp4", "Two")).events())
        .singleElement().isInstanceOf(RoomEvent.QueueChanged.class);
    act(ANN, new Intent.QueueAdd("q2", "three.mp4", ""));
    act(ANN, new Intent.QueueAdd("q3", "four.mp4", "Four"));
    assertThat(act(GUS, new Intent.QueueAdd("q4", "five.mp4", "")).rejection().code()).isEqualTo(ErrorCode.NOT_ALLOWED);

    act(ANN, new Intent.QueueMove("q3", 0));
    assertThat(room.queue()).extracting(QueueItem::id).containsExactly("q3", "q1", "q2");
    act(ANN, new Intent.QueueMove("q3", 99));
    assertThat(room.queue()).extracting(QueueItem::id).containsExactly("q1", "q2", "q3");
    act(ANN, new Intent.QueueRemove("q2"));
    assertThat(room.queue()).extracting(QueueItem::mediaId).containsExactly("two.mp4", "four.mp4");
    assertThat(act(ANN, new Intent.QueueRemove("nope")).events()).isEmpty();
    assertThat(act(ANN, new Intent.QueueAdd("q9", " ", "")).rejection().code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void play_next_starts_the_first_video_for_everyone_from_its_start() {
    joinBoth();
    act(ANN, new Intent.QueueAdd("q1", "two.mp4", "Two"));
    Decision d = act(ANN, new Intent.PlayNext(room.timeline().version()));
    assertThat(room.timeline().mediaId()).isEqualTo("two.mp4");
    assertThat(room.timeline().state()).isEqualTo(PlaybackState.PLAYING);
    assertThat(room.timeline().anchorPositionMs()).isZero();
    assertThat(room.timeline().anchorTimeMs()).as("anchored ahead, like a play").isGreaterThan(T0 + 10_000);
    assertThat(room.queue()).isEmpty();
    assertThat(d.events()).anySatisfy(e -> assertThat(e).isInstanceOf(RoomEvent.QueueChanged.class));
    assertThat(d.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(RoomEvent.TimelineChanged.class,
        t -> assertThat(t.cause()).isEqualTo(new RoomEvent.Cause(ANN, CauseKind.NEXT))));
    assertThat(act(ANN, new Intent.PlayNext(room.timeline().version())).rejection().code()).isEqualTo(ErrorCode.NO_MEDIA);
  }

  /** Found by RoomDeciderFuzzTest: loading the next video counted as a version nobody was ever sent. */
  @Test
  void play_next_broadcasts_the_very_next_version_and_skips_none() {
    joinBoth();
    act(ANN, new Intent.QueueAdd("q1", "two.mp4", "Two"));
    long before = room.timeline().version();
    Decision d = act(ANN, new Intent.PlayNext(before));
    assertThat(room.timeline().version()).isEqualTo(before + 1);
    assertThat(d.events()).filteredOn(RoomEvent.TimelineChanged.class::isInstance)
        .map(e -> ((RoomEvent.TimelineChanged) e).timeline().version()).containsExactly(before + 1);
  }

  @Test
  void the_first_end_report_moves_the_room_on_and_the_others_find_it_moved() {
    room = Room.create(room.id(), room.settings().withControlMode(ControlMode.MODERATORS), room.roster(), "one.mp4", T0);
    joinBoth();
    act(ANN, new Intent.QueueAdd("q1", "two.mp4", "Two"));
    act(ANN, new Intent.Play(room.timeline().version()));
    long playing = room.timeline().version();
    assertThat(act(GUS, new Intent.Ended(playing, "one.mp4")).events()).as("a guest may not control playback in a moderated room").isEmpty();
    assertThat(act(ANN, new Intent.Ended(playing, "other.mp4")).events()).as("not this video").isEmpty();

    Decision d = act(ANN, new Intent.Ended(playing, "one.mp4"));
    assertThat(room.timeline().mediaId()).isEqualTo("two.mp4");
    assertThat(d.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(RoomEvent.TimelineChanged.class,
        t -> assertThat(t.cause()).isEqualTo(new RoomEvent.Cause(null, CauseKind.NEXT))));
    Room moved = room;
    assertThat(act(ANN, new Intent.Ended(playing, "one.mp4")).room()).as("a late report is stale").isSameAs(moved);
  }

  @Test
  void the_next_video_drops_the_subtitle_track_of_the_last_one() {
    joinBoth();
    act(ANN, new Intent.QueueAdd("q1", "two.mp4", "Two"));
    room = room.withSubtitle("trk-one");
    Decision d = act(ANN, new Intent.PlayNext(room.timeline().version()));
    assertThat(room.subtitleTrack()).isNull();
    assertThat(d.events()).anySatisfy(e -> assertThat(e).isInstanceOf(RoomEvent.SubtitleChanged.class));
  }

  @Test
  void without_a_queue_the_end_changes_nothing() {
    joinBoth();
    act(ANN, new Intent.Play(room.timeline().version()));
    Room before = room;
    assertThat(act(ANN, new Intent.Ended(room.timeline().version(), "one.mp4")).room()).isSameAs(before);
  }
}
