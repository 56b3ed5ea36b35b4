package dev.cowatch.server.chat;

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
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which room decisions become chat lines, decided purely from the decision's events. */
class ChatSystemLinesTest {
  private static final long T0 = 1_700_000_000_000L;
  private final RoomDecider decider = new RoomDecider(Tolerances.DEFAULTS);
  private Room room = Room.create(new RoomId("room1"), RoomSettings.defaults("Film club", 5_000),
      Roster.ownedBy(new UserId("u-ann"), "Ann", false, T0), "film.mp4", T0);

  private List<ChatSystemLines.Line> act(MemberId who, Intent intent, long at) {
    Room before = room;
    Decision d = decider.decide(room, who, intent, at);
    room = d.room();
    return ChatSystemLines.linesFor(before, d);
  }

  @Test
  void joins_pauses_and_departures_make_lines_and_buffering_does_not() {
    MemberId ann = new MemberId("m-ann");
    List<ChatSystemLines.Line> joined = act(ann, new Intent.Join("Ann", new UserId("u-ann"), false), T0);
    assertThat(joined).extracting(l -> l.event().type()).containsExactly(ChatEvent.Type.JOINED);
    act(ann, new Intent.Ready(room.timeline().version()), T0);
    List<ChatSystemLines.Line> played = act(ann, new Intent.Play(room.timeline().version()), T0 + 1_000);
    assertThat(played).extracting(l -> l.event().type()).containsExactly(ChatEvent.Type.PLAY);
    List<ChatSystemLines.Line> paused = act(ann, new Intent.Pause(room.timeline().version(), null), T0 + 61_150);
    assertThat(paused).singleElement().satisfies(l -> {
      assertThat(l.event().type()).isEqualTo(ChatEvent.Type.PAUSE);
      assertThat(l.event().positionMs()).isEqualTo(60_000);
      assertThat(l.event().english()).isEqualTo("Ann paused at 1:00");
    });
    assertThat(act(ann, new Intent.Buffering(room.timeline().version()), T0 + 62_000)).isEmpty();
    assertThat(act(ann, new Intent.Leave(), T0 + 63_000)).extracting(l -> l.event().name()).containsExactly("Ann");
  }

  @Test
  void positions_read_as_a_clock() {
    assertThat(ChatEvent.clock(751_000L)).isEqualTo("12:31");
    assertThat(ChatEvent.clock(3_723_000L)).isEqualTo("1:02:03");
    assertThat(ChatEvent.clock(null)).isEqualTo("0:00");
  }

  @Test
  void inAnAudienceOfMoreThanFifty_joinsDeparturesAndPlaybackMakeNoLine() {
    room = Room.create(new RoomId("room2"), RoomSettings.defaults("Premiere", 5_000).withMaxMembers(200),
        Roster.ownedBy(new UserId("u-ann"), "Ann", false, T0), "film.mp4", T0);
    for (int i = 1; i <= ChatSystemLines.QUIET_ROOM_MEMBERS; i++) {
      List<ChatSystemLines.Line> lines = act(new MemberId("m-" + i), new Intent.Join("Viewer " + i, new UserId("user-" + i), true), T0);
      assertThat(lines).as("join number %d", i).hasSize(1);
    }
    MemberId late = new MemberId("m-late");
    assertThat(act(late, new Intent.Join("Late", new UserId("u-late"), true), T0)).isEmpty();
    for (int i = 1; i <= ChatSystemLines.QUIET_ROOM_MEMBERS; i++) act(new MemberId("m-" + i), new Intent.Ready(room.timeline().version()), T0);
    act(late, new Intent.Ready(room.timeline().version()), T0);
    assertThat(act(new MemberId("m-1"), new Intent.Play(room.timeline().version()), T0 + 500))
        .as("play in an audience: the timeline's cause says who, no chat line").isEmpty();
    assertThat(room.timeline().state()).isEqualTo(dev.cowatch.core.room.PlaybackState.PLAYING);
    assertThat(act(late, new Intent.Leave(), T0 + 1_000)).isEmpty();
    assertThat(act(new MemberId("m-1"), new Intent.Leave(), T0 + 2_000))
        .as("fifty members before this departure").extracting(l -> l.event().type()).containsExactly(ChatEvent.Type.LEFT);
  }
}
