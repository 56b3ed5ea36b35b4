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

/** A timeline change is encoded once and the very same text goes to every connection. */
class BroadcastOnceTest {
  @Test
  void timelineChange_isEncodedOnce_andSharedByEveryListener() {
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    try {
      InMemoryRoomBus bus = new InMemoryRoomBus();
      Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
      RoomService rooms = new RoomService(new InMemoryRoomStore(), bus, Tolerances.DEFAULTS, clock, Ids.secure(),
          new JsonCodec(), timers, 10);
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
    } finally {
      timers.shutdownNow();
    }
  }
}
