package dev.cowatch.server.ops.metrics;

import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.server.room.Broadcast;
import dev.cowatch.server.room.RoomMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Rooms' figures in Micrometer. Meters are looked up once and kept (by kind, by outcome, by close code),
 * so a call on the hot path is a map read and an atomic add; nothing here allocates per call. Labels
 * that come from clients are bounded: intent kinds are the protocol's message types, close codes not
 * in the protocol count as {@code other}.
 */
public final class MicrometerRoomMetrics implements RoomMetrics {
  /** Close codes with a series of their own: the protocol's and the RFC 6455 ones a server sees. */
  static final Set<Integer> KNOWN_CLOSES = Set.of(CloseCodes.NORMAL, CloseCodes.GOING_AWAY, 1002, 1005, 1006, 1007,
      CloseCodes.MESSAGE_TOO_BIG, 1011, 1012, CloseCodes.PROTOCOL_ERROR, CloseCodes.HEARTBEAT_TIMEOUT,
      CloseCodes.SLOW_CONSUMER, CloseCodes.FLOOD, CloseCodes.REPLACED, CloseCodes.ROOM_FULL, CloseCodes.KICKED,
      CloseCodes.BANNED, CloseCodes.UNAUTHORIZED, CloseCodes.FORBIDDEN, CloseCodes.ROOM_NOT_FOUND);

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Timer[]> intents = new ConcurrentHashMap<>();
  private final Map<Broadcast.Kind, Timer> fanout = new EnumMap<>(Broadcast.Kind.class);
  private final Timer drift;
  private final Counter nudges;
  private final Counter seeks;
  private final ConcurrentMap<String, Counter> opens = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> closes = new ConcurrentHashMap<>();
  private final Counter outboxRefused;
  private final Counter slowConsumers;

  public MicrometerRoomMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Broadcast.Kind kind : Broadcast.Kind.values()) {
      fanout.put(kind, Timer.builder("cowatch.fanout")
          .description("Time to hand one broadcast to every connection of its room on this node")
          .tag("kind", kind.name().toLowerCase(Locale.ROOT))
          .serviceLevelObjectives(Buckets.LATENCY)
          .register(registry));
    }
    // A timer, not a distribution summary: a summary's buckets below 1 (in its base unit) stay empty.
    this.drift = Timer.builder("cowatch.sync.drift")
        .description("Players' own measured error against their room's timeline (absolute), from health reports")
        .serviceLevelObjectives(Buckets.DRIFT)
        .register(registry);
    this.nudges = corrections("nudge");
    this.seeks = corrections("seek");
    this.outboxRefused = Counter.builder("cowatch.outbox.refused")
        .description("Messages a connection's full outbox refused (the connection is then closed as slow)")
        .register(registry);
    this.slowConsumers = Counter.builder("cowatch.slow.consumers.closed")
        .description("Connections closed with 4002 because they could not keep up")
        .register(registry);
  }

  /** One description for both kinds: Prometheus keeps one per metric name. */
  private Counter corrections(String kind) {
    return Counter.builder("cowatch.sync.corrections")
        .description("Corrections players made to stay on their room's timeline (rate nudges begun, seeks back onto "
            + "it), from health reports")
        .tag("kind", kind)
        .register(registry);
  }

  @Override
  public void intent(String kind, Outcome outcome, long nanos) {
    intents.computeIfAbsent(kind, this::intentTimers)[outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
  }

  private Timer[] intentTimers(String kind) {
    Timer[] timers = new Timer[Outcome.values().length];
    for (Outcome o : Outcome.values()) {
      timers[o.ordinal()] = Timer.builder("cowatch.intents")
          .description("Intents by kind and outcome, with the time from reaching the room to its result being "
              + "handed to every connection on this node")
          .tag("kind", kind)
          .tag("outcome", o.name().toLowerCase(Locale.ROOT))
          .serviceLevelObjectives(Buckets.LATENCY)
          .register(registry);
    }
    return timers;
  }

  @Override
  public void fanout(Broadcast.Kind kind, long nanos) {
    fanout.get(kind).record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void healthReported(double driftMs, int nudges, int seeks) {
    drift.record(Math.round(Math.abs(driftMs) * 1_000_000), TimeUnit.NANOSECONDS);
    if (nudges > 0) this.nudges.increment(nudges);
    if (seeks > 0) this.seeks.increment(seeks);
  }

  @Override
  public void socketOpened(String clientKind) {
    opens.computeIfAbsent(clientKind, k -> Counter.builder("cowatch.websocket.opens")
        .description("Room WebSockets upgraded, by kind of client").tag("client", k).register(registry)).increment();
  }

  @Override
  public void socketClosed(int code) {
    String label = KNOWN_CLOSES.contains(code) ? Integer.toString(code) : "other";
    closes.computeIfAbsent(label, c -> Counter.builder("cowatch.websocket.closes")
        .description("Room WebSockets ended, by close code (docs/protocol.md, \"Closing\")").tag("code", c)
        .register(registry)).increment();
  }

  @Override
  public void outboxRefused() {
    outboxRefused.increment();
  }

  @Override
  public void slowConsumerClosed() {
    slowConsumers.increment();
  }
}
