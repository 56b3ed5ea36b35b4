package dev.cowatch.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.server.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** The room service on its own, with a fixed clock and the in-memory adapters. */
class RoomServiceTest {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
  private final RoomService rooms = new RoomService(new InMemoryRoomStore(), new InMemoryRoomBus(), Tolerances.DEFAULTS,
      clock, Ids.secure(), new JsonCodec(), timers, 10);

  @org.junit.jupiter.api.AfterEach
  void stopTimers() {
    timers.shutdownNow();
  }

  @Test
  void lateCloseOfTheOldConnection_afterAResume_doesNotDisconnectTheMember() {
    RoomId room = rooms.create(RoomSettings.defaults("r", 5_000), "film.mp4").orElseThrow().id();
    List<Broadcast> oldConnection = new ArrayList<>();
    List<Broadcast> newConnection = new ArrayList<>();
    RoomBus.Listener oldListener = oldConnection::add;
    RoomBus.Listener newListener = newConnection::add;
    MemberId member = rooms.join(room, "a", null, oldListener).memberId();
    String token = tokenIn(oldConnection);

    // The client noticed the drop first and resumed on a new connection; the server then notices the old one closing.
    assertThat(rooms.join(room, "a", token, newListener).memberId()).isEqualTo(member);
    assertThat(rooms.disconnect(room, member, oldListener)).isFalse();
    assertThat(rooms.find(room).orElseThrow().member(member).orElseThrow().isConnected()).isTrue();

    assertThat(rooms.disconnect(room, member, newListener)).isTrue();
    assertThat(rooms.find(room).orElseThrow().member(member).orElseThrow().isConnected()).isFalse();
    assertThat(rooms.disconnect(room, member, newListener)).as("only once").isFalse();
  }

  private static String tokenIn(List<Broadcast> received) {
    String joined = received.getFirst().json();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"resumeToken\":\"([^\"]+)\"").matcher(joined);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /** A timeline change is encoded once and the very same text goes to every connection. */
  @Test
  void timelineChange_isEncodedOnce_andSharedByEveryListener() {
    RoomId room = rooms.create(RoomSettings.defaults("r", 5_000), "film.mp4").orElseThrow().id();
    List<Broadcast> first = new ArrayList<>();
    List<Broadcast> second = new ArrayList<>();
    MemberId a = rooms.join(room, "a", null, first::add).memberId();
    rooms.join(room, "b", null, second::add);
    first.clear();
    second.clear();

    rooms.apply(room, a, new Intent.Play(0));

    Broadcast toFirst = first.stream().filter(b -> b.kind() == Broadcast.Kind.TIMELINE).findFirst().orElseThrow();
    Broadcast toSecond = second.stream().filter(b -> b.kind() == Broadcast.Kind.TIMELINE).findFirst().orElseThrow();
    assertThat(toSecond).isSameAs(toFirst);
    assertThat(toFirst.json()).contains("\"type\":\"timeline\"", "\"state\":\"playing\"");
  }
}
