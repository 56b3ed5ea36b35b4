package dev.cowatch.core.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.RoomEvent.CauseKind;
import org.junit.jupiter.api.Test;

/** The room's programme: a showing anchors the timeline at its start, and its next episode at its end. */
class ProgrammeTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long START = T0 + 3_600_000;
  private final RoomDecider decider = new RoomDecider(Tolerances.DEFAULTS);
  private final Room room = Room.create(new RoomId("showing-room"),
      RoomSettings.defaults("Film night", 5_000).withControlMode(ControlMode.MODERATORS),
      Roster.ownedBy(new UserId("u-ann"), "Ann", false, T0), "media:episode1aaaaaa", T0);

  @Test
  void a_showing_plays_from_the_start_anchored_at_its_start_instant() {
    Decision d = decider.programme(room, "media:episode1aaaaaa", START);
    Timeline t = d.room().timeline();
    assertThat(t.state()).isEqualTo(PlaybackState.PLAYING);
    assertThat(t.anchorTimeMs()).isEqualTo(START);
    assertThat(t.anchorPositionMs()).isZero();
    assertThat(t.version()).isEqualTo(room.timeline().version() + 1);
    assertThat(t.positionAt(START - 10_000)).as("holds at 0 until the start").isZero();
    assertThat(t.positionAt(START + 90_000)).as("a late viewer lands where the show is").isEqualTo(90_000);
    assertThat(d.events()).singleElement().isInstanceOfSatisfying(RoomEvent.TimelineChanged.class,
        e -> assertThat(e.cause()).isEqualTo(new RoomEvent.Cause(null, CauseKind.SCHEDULE)));
  }

  @Test
  void the_same_programme_twice_changes_nothing_and_the_next_episode_replaces_it() {
    Room programmed = decider.programme(room, "media:episode1aaaaaa", START).room();
    Decision again = decider.programme(programmed, "media:episode1aaaaaa", START);
    assertThat(again.room()).isSameAs(programmed);
    assertThat(again.events()).isEmpty();

    Decision next = decider.programme(programmed, "https://example.org/episode2.mp4", START + 2_700_000);
    assertThat(next.room().timeline().mediaId()).isEqualTo("https://example.org/episode2.mp4");
    assertThat(next.room().timeline().anchorTimeMs()).isEqualTo(START + 2_700_000);
  }

  @Test
  void a_paused_room_is_put_back_on_the_programme() {
    Room paused = decider.programme(room, "media:episode1aaaaaa", START).room();
    paused = paused.withTimeline(paused.timeline().paused(1_000, START + 1_000));
    Timeline t = decider.programme(paused, "media:episode1aaaaaa", START).room().timeline();
    assertThat(t.state()).isEqualTo(PlaybackState.PLAYING);
    assertThat(t.anchorTimeMs()).isEqualTo(START);
  }

  @Test
  void the_next_episode_drops_the_subtitle_track_of_the_last_one() {
    Room withSubtitles = decider.programme(room, "media:episode1aaaaaa", START).room().withSubtitle("trk-episode1");
    Decision next = decider.programme(withSubtitles, "media:episode2aaaaaa", START + 2_700_000);
    assertThat(next.room().subtitleTrack()).isNull();
    assertThat(next.events()).anySatisfy(e -> assertThat(e).isInstanceOf(RoomEvent.SubtitleChanged.class));
    Decision same = decider.programme(withSubtitles.withTimeline(withSubtitles.timeline().paused(5, START + 5)),
        "media:episode1aaaaaa", START);
    assertThat(same.room().subtitleTrack()).as("the same episode keeps its track").isEqualTo("trk-episode1");
  }

  @Test
  void refuses_a_media_id_no_member_could_set() {
    assertThatThrownBy(() -> decider.programme(room, " ", START)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> decider.programme(room, "x".repeat(ControlRules.MAX_MEDIA_ID_LENGTH + 1), START))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
