package dev.cowatch.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A room's parts are named once: whatever is not playback is compared by {@link Room#differsOnlyInPlayback}, and a
 * store writing the playback alone (RoomJson.writePlayback) writes every part of {@link Playback}.
 */
class RoomPartsTest {
  private static final long NOW = 1_000_000;

  @Test
  void theRoomsPartsAreTheOnesDiffersOnlyInPlaybackKnows() {
    // A new part must be added to differsOnlyInPlayback (or to Playback) before this list: else a store writing the
    // playback alone would drop a change to it.
    assertThat(names(Room.class)).containsExactly("id", "settings", "roster", "playback", "queue", "members", "revision");
    assertThat(names(Playback.class)).containsExactly("timeline", "subtitleTrack", "waitDeadlineMs");
  }

  @Test
  void aChangeToAnyOtherPart_isMoreThanPlayback() {
    Room room = Room.create(new RoomId("room-1"), RoomSettings.defaults("parts", 5_000),
        Roster.ownedBy(new UserId("user-1"), "Ann", false, NOW), "a.mp4", NOW);
    Room played = room.withTimeline(room.timeline().playingFrom(0, NOW + 10)).withRevision(room.revision() + 1);
    assertThat(played.differsOnlyInPlayback(room)).isTrue();
    assertThat(room.withSubtitle("trk-1").differsOnlyInPlayback(room)).isTrue();

    for (Room other : List.of(
        room.withSettings(room.settings().withName("other")),
        room.withRoster(Roster.ownedBy(new UserId("user-2"), "Ben", false, NOW)),
        room.withQueue(List.of(new QueueItem("q-1", "b.mp4", "B"))),
        room.withMembers(List.of(new Member(new MemberId("member-1"), new UserId("user-1"), "Ann", Role.OWNER, Connection.CONNECTED,
            Readiness.READY, NOW, 0, null, null))),
        new Room(new RoomId("room-2"), room.settings(), room.roster(), room.playback(), room.queue(), room.members(), 0))) {
      assertThat(other.differsOnlyInPlayback(room)).as(other.toString()).isFalse();
    }
  }

  @Test
  void aTimelineThatStopsWaiting_dropsTheWaitDeadline_andOneThatWaitsKeepsIt() {
    Timeline paused = new Timeline("a.mp4", PlaybackState.PAUSED, 0, NOW, 1.0, 0);
    Timeline waiting = new Timeline("a.mp4", PlaybackState.WAITING, 0, NOW, 1.0, 1);
    Playback p = new Playback(paused, "trk", 0).waitingUntil(waiting, NOW + 5_000);
    assertThat(p.withTimeline(waiting).waitDeadlineMs()).isEqualTo(NOW + 5_000);
    assertThat(p.withTimeline(paused)).isEqualTo(new Playback(paused, "trk", 0));
  }

  private static List<String> names(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }
}
