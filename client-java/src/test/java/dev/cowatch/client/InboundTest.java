package dev.cowatch.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.WireError;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Messages from the room, as text, reach the part of the client they concern. */
class InboundTest {
  private final JsonCodec codec = new JsonCodec();
  private final FakeClock time = new FakeClock(1_000_000);
  private final TestScheduler scheduler = new TestScheduler(time);
  private final List<Long> heard = new CopyOnWriteArrayList<>();
  private final List<ClientListener> listeners = List.of(new ClientListener() {
    @Override
    public void onTimeline(Timeline timeline, ServerMessage.CauseView cause) {
      heard.add(timeline.version());
    }
  });
  private final RoomConnection connection = new RoomConnection(URI.create("ws://test"), "Ann", null,
      new FakeTransport(), scheduler, codec, null);
  private final RoomMirror mirror = new RoomMirror(listeners);
  private final ClockPinger pinger = new ClockPinger(Tolerances.DEFAULTS, time::now, scheduler, m -> true);
  private final Inbound inbound = new Inbound(time::now, codec, connection, mirror, pinger, listeners);

  private static ServerMessage.TimelineView timeline(long version) {
    return new ServerMessage.TimelineView("m1", "paused", 1_000 * version, 0, 1.0, version);
  }

  private void receive(ServerMessage message) {
    inbound.onText(codec.encode(message));
  }

  @Test
  void timelines_onlyNewerOnesAreTaken() {
    receive(new ServerMessage.TimelineUpdate(timeline(5), null));
    receive(new ServerMessage.TimelineUpdate(timeline(4), null));
    receive(new ServerMessage.TimelineUpdate(timeline(5), null));

    assertThat(mirror.version()).isEqualTo(5);
    assertThat(heard).containsExactly(5L);
  }

  @Test
  void aConflict_bringsTheRoomsTimeline_ifNewer() {
    receive(new ServerMessage.TimelineUpdate(timeline(5), null));

    receive(new ServerMessage.Error(WireError.CONFLICT.code(), "stale", null, timeline(3)));
    assertThat(mirror.version()).isEqualTo(5);

    receive(new ServerMessage.Error(WireError.CONFLICT.code(), "stale", null, timeline(7)));
    assertThat(mirror.version()).isEqualTo(7);
    assertThat(heard).containsExactly(5L, 7L);
  }

  @Test
  void aVersionFromTheFuture_replacesTheTimeline_evenWithAnOlderOne() {
    receive(new ServerMessage.TimelineUpdate(timeline(9), null));

    receive(new ServerMessage.Error(WireError.VERSION_FROM_FUTURE.code(), "ahead", null, timeline(4)));

    assertThat(mirror.version()).isEqualTo(4);
    assertThat(heard).containsExactly(9L, 4L);
  }

  @Test
  void aPong_isTimedWhenItArrives_andFeedsTheClockEstimate() {
    long sent = time.now();
    time.elapse(40);
    // The server's clock is 300 ms ahead; it answered 20 ms after the ping left.
    receive(new ServerMessage.Pong(sent, sent + 320, sent + 320));

    assertThat(pinger.offsetMs()).isCloseTo(300, within(1e-9));
    assertThat(pinger.rttMs()).isCloseTo(40, within(1e-9));
  }

  @Test
  void unreadableText_isIgnored() {
    receive(new ServerMessage.TimelineUpdate(timeline(2), null));

    inbound.onText("{\"type\":\"timeline\",\"timeline\":");

    assertThat(mirror.version()).isEqualTo(2);
  }
}
