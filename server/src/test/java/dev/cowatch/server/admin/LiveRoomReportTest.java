package dev.cowatch.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.Connection;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Playback;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Readiness;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.core.room.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The admin page's view of live rooms, at fixed instants: busiest first, bounded, positions where they are now. */
class LiveRoomReportTest {
  private static final long NOW = 1_800_000_000_000L;

  private static Room room(String id, int connected, int away, PlaybackState state) {
    UserId owner = new UserId("owner-" + id);
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < connected + away; i++) {
      members.add(new Member(new MemberId("m-" + id + "-" + i), i == 0 ? owner : new UserId("user-" + id + "-" + i),
          "Name " + i, i == 0 ? Role.OWNER : Role.MEMBER, i < connected ? Connection.CONNECTED : Connection.DISCONNECTED,
          Readiness.READY, NOW - 60_000, i < connected ? 0 : NOW - 1_000, 4.0, 30.0));
    }
    // Anchored 10 s ago at 5 s in: playing, it is at 15 s now; paused, still at 5 s.
    Timeline t = new Timeline("https://example.org/" + id + ".mp4", state, 5_000, NOW - 10_000, 1.0, 7);
    return new Room(new RoomId(id), RoomSettings.defaults("Room " + id, 5_000),
        Roster.ownedBy(owner, "Owner " + id, false, NOW - 120_000), new Playback(t, null, 0), List.of(), members, 1);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 27, 1234})
  void rooms_comeBusiestFirst_atMost200_eachWithItsFiguresNow(long seed) {
    Random random = new Random(seed);
    List<Room> rooms = IntStream.range(0, 230).mapToObj(i -> room("room" + String.format("%03d", i),
        1 + random.nextInt(8), random.nextInt(3), random.nextBoolean() ? PlaybackState.PLAYING : PlaybackState.PAUSED))
        .toList();

    List<Map<String, Object>> report = LiveRoomReport.of(rooms, NOW, media -> "Title of " + media);

    assertThat(report).hasSize(LiveRoomReport.MAX_ROOMS);
    List<Long> connected = report.stream().map(r -> (Long) r.get("connected")).toList();
    assertThat(connected).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    java.util.Set<Object> listed = report.stream().map(r -> r.get("id")).collect(java.util.stream.Collectors.toSet());
    long busiestLeftOut = rooms.stream().filter(r -> !listed.contains(r.id().value())).mapToLong(Room::connectedCount)
        .max().orElseThrow();
    assertThat(connected.getLast()).as("no room left out is busier than one listed").isGreaterThanOrEqualTo(busiestLeftOut);
    for (Map<String, Object> r : report) {
      Room source = rooms.stream().filter(x -> x.id().value().equals(r.get("id"))).findFirst().orElseThrow();
      assertThat(r.get("positionMs")).isEqualTo(source.timeline().state() == PlaybackState.PLAYING ? 15_000L : 5_000L);
      assertThat(r.get("memberCount")).isEqualTo(source.members().size());
      assertThat(r.get("timelineVersion")).isEqualTo(7L);
      assertThat(r.get("ownerName")).isEqualTo("Owner " + source.id().value());
      assertThat(r.get("mediaTitle")).isEqualTo("Title of " + source.timeline().mediaId());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 100, 101, 250})
  void members_areListedUpTo100_andCountedAll(int members) {
    Room big = room("bigroom", Math.max(members, 1), 0, PlaybackState.PAUSED);
    Map<String, Object> r = LiveRoomReport.of(List.of(big), NOW, m -> m).getFirst();
    assertThat((List<?>) r.get("members")).hasSize(Math.min(Math.max(members, 1), LiveRoomReport.MAX_MEMBERS));
    assertThat(r.get("memberCount")).isEqualTo(Math.max(members, 1));
    @SuppressWarnings("unchecked")
    Map<String, Object> first = ((List<Map<String, Object>>) r.get("members")).getFirst();
    assertThat(first).containsEntry("role", "owner").containsEntry("connected", true).containsEntry("driftMs", 4.0);
  }
}
