package dev.cowatch.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.WireError;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The client under a peer steering: which server timelines it plays, where its intents and lines go. */
class PeerSteeringTest {
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
  private final List<ClientMessage> sent = new ArrayList<>();
  private final ClockPinger pinger = new ClockPinger(Tolerances.DEFAULTS, time::now, scheduler, m -> true);
  private final Inbound inbound = new Inbound(time::now, codec, connection, mirror, pinger, listeners);
  private final Intents intents = new Intents(mirror, m -> sent.add(m));

  /** Answers what the test sets; records what it was asked. */
  private static final class Steering implements PeerSteering {
    Verdict verdict = Verdict.NORMAL;
    boolean takeIntents;
    final List<String> asked = new ArrayList<>();

    @Override
    public Verdict serverTimeline(Timeline timeline, boolean joined) {
      asked.add((joined ? "joined v" : "v") + timeline.version());
      return verdict;
    }

    @Override
    public boolean intent(Intent.Control intent) {
      asked.add(intent.getClass().getSimpleName() + " v" + intent.baseVersion());
      return takeIntents;
    }

    @Override
    public boolean chat(String text) {
      asked.add("chat " + text);
      return takeIntents;
    }
  }

  private final Steering steering = new Steering();

  private static ServerMessage.TimelineView timeline(long version) {
    return new ServerMessage.TimelineView("m1", "paused", 1_000 * version, 0, 1.0, version);
  }

  private void receive(ServerMessage message) {
    inbound.onText(codec.encode(message));
  }

  @Test
  void hold_keepsThePeersTimeline_replace_takesTheServersWhateverItsVersion() {
    receive(new ServerMessage.TimelineUpdate(timeline(5), null));
    mirror.steer(steering);
    mirror.adopt(new Timeline("m1", dev.cowatch.core.room.PlaybackState.PAUSED, 9_000, 0, 1.0, 6), null); // a peer timeline
    long peerVersion = mirror.version();

    steering.verdict = PeerSteering.Verdict.HOLD;
    receive(new ServerMessage.TimelineUpdate(timeline(40), null));
    assertThat(mirror.version()).as("held").isEqualTo(peerVersion);

    steering.verdict = PeerSteering.Verdict.REPLACE;
    receive(new ServerMessage.TimelineUpdate(timeline(3), null));
    assertThat(mirror.version()).as("taken as it is, though older").isEqualTo(3);

    steering.verdict = PeerSteering.Verdict.NORMAL;
    receive(new ServerMessage.TimelineUpdate(timeline(2), null));
    assertThat(mirror.version()).as("as usual: only newer ones").isEqualTo(3);
    assertThat(steering.asked).containsExactly("v40", "v3", "v2");
  }

  @Test
  void aConflictsTimeline_isHeldToo() {
    mirror.steer(steering);
    receive(new ServerMessage.TimelineUpdate(timeline(5), null));
    steering.verdict = PeerSteering.Verdict.HOLD;

    receive(new ServerMessage.Error(WireError.VERSION_FROM_FUTURE.code(), "ahead", null, timeline(4)));
    receive(new ServerMessage.Error(WireError.CONFLICT.code(), "stale", null, timeline(9)));

    assertThat(mirror.version()).isEqualTo(5);
  }

  @Test
  void intentsAndLines_goToThePeersWhenTheyTakeThem_andAreCountedEitherWay() {
    receive(new ServerMessage.TimelineUpdate(timeline(5), null));
    mirror.steer(steering);

    intents.seek(1_000);
    intents.chat("hello");
    steering.takeIntents = true;
    intents.pause(2_000L);
    intents.chat("while the server is away");

    assertThat(sent).hasSize(2);
    assertThat(sent.get(0)).isInstanceOf(ClientMessage.Seek.class);
    assertThat(sent.get(1)).isEqualTo(new ClientMessage.Chat("hello", null, null));
    assertThat(steering.asked).containsExactly("Seek v5", "chat hello", "Pause v5", "chat while the server is away");
    assertThat(intents.controlSent()).as("a gesture taken by the peers is still an intent of this member's").isEqualTo(2);
  }

  @Test
  void aHandedBackLine_carriesItsIdAsLineIdAndRef() {
    intents.chat("written without the server", "l-abc");
    assertThat(sent).containsExactly(new ClientMessage.Chat("written without the server", "l-abc", "l-abc"));
  }

  @Test
  void aLowerPingCeiling_pingsAtOnce_notWhenThePingAlreadyScheduledFallsDue() {
    List<ClientMessage> pings = new ArrayList<>();
    ClockPinger p = new ClockPinger(Tolerances.DEFAULTS, time::now, scheduler, m -> pings.add(m));
    p.start();
    scheduler.advance(1); // the first ping of the burst
    for (int i = 0; i < 40; i++) {
      ClientMessage.Ping ping = (ClientMessage.Ping) pings.getLast();
      p.pong(new ServerMessage.Pong(ping.t0(), time.now(), time.now()), time.now());
      scheduler.advance(Tolerances.DEFAULTS.clockSettledPeriodMs()); // long enough for any period
    }
    int before = pings.size();
    p.ceiling(1_000);
    scheduler.advance(1);
    assertThat(pings).as("pinged at once").hasSize(before + 1);
    scheduler.advance(1_000);
    assertThat(pings).as("then every second").hasSize(before + 2);
  }

  @Test
  void silence_isMeasuredFromTheLastPong_orTheConnectionsStart() {
    assertThat(pinger.silentForMs()).as("never connected").isZero();
    pinger.start();
    time.elapse(3_000);
    assertThat(pinger.silentForMs()).isEqualTo(3_000);
    pinger.pong(new ServerMessage.Pong(time.now() - 10, time.now() - 5, time.now() - 5), time.now());
    time.elapse(1_500);
    assertThat(pinger.silentForMs()).isEqualTo(1_500);
  }
}
