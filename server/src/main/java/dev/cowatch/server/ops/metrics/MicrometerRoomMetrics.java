package dev.cowatch.server.ops.metrics;

import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.metrics.RoomMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Rooms' figures in Micrometer. Meters are looked up once and kept (by kind, by outcome, by close code),
 * so a call on the hot path is an array or map read and the meter's own adds; nothing here allocates per
 * call (docs/performance.md, "What metrics cost"). Labels
 * that come from clients are bounded: intent kinds are the protocol's message types, close codes not
 * in the protocol count as {@code other}.
 */
public final class MicrometerRoomMetrics implements RoomMetrics {
  /** Close codes with a series of their own: the protocol's and the RFC 6455 ones a server sees. */
  static final Set<Integer> KNOWN_CLOSES = Set.of(CloseCodes.NORMAL, CloseCodes.GOING_AWAY, 1002, 1005, 1006, 1007,
      CloseCodes.MESSAGE_TOO_BIG, 1011, 1012, CloseCodes.PROTOCOL_ERROR, CloseCodes.HEARTBEAT_TIMEOUT,
      CloseCodes.SLOW_CONSUMER, CloseCodes.FLOOD, CloseCodes.REPLACED, CloseCodes.ROOM_FULL, CloseCodes.KICKED,
      CloseCodes.BANNED, CloseCodes.UNAUTHORIZED, CloseCodes.FORBIDDEN, CloseCodes.ROOM_NOT_FOUND);

  /** Close codes are below 5000 (RFC 6455: 4000-4999 private use); slot 0 holds {@code other}. */
  private static final int CLOSE_CODES_END = 5000;
  private static final int OTHER_CLOSE = 0;

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Timer[]> intents = new ConcurrentHashMap<>();
  /** By {@code Broadcast.Kind} ordinal. */
  private final Timer[] fanout = new Timer[Broadcast.Kind.values().length];
  private final Timer drift;
  private final Counter nudges;
  private final Counter seeks;
  private final ConcurrentMap<String, Counter> opens = new ConcurrentHashMap<>();
  /** By close code (1000-4999; the rest are {@code other}), made on first use: no boxing, no string per close. */
  private final AtomicReferenceArray<Counter> closes = new AtomicReferenceArray<>(CLOSE_CODES_END);
  private final Counter outboxRefused;
  private final Counter slowConsumers;

  public MicrometerRoomMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Broadcast.Kind kind : Broadcast.Kind.values()) {
      fanout[kind.ordinal()] = Timer.builder("cowatch.fanout")
          .description("Time to hand one broadcast to every connection of its room on this node")
          .tag("kind", kind.name().toLowerCase(Locale.ROOT))
          .serviceLevelObjectives(Buckets.LATENCY)
          .register(registry);
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
    // A plain read first: computeIfAbsent would take a bound method reference, one allocation per intent.
    Timer[] timers = intents.get(kind);
    if (timers == null) timers = intents.computeIfAbsent(kind, this::intentTimers);
    timers[outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
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
    fanout[kind.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void healthReported(double driftMs, int nudges, int seeks) {
    drift.record(Math.round(Math.abs(driftMs) * 1_000_000), TimeUnit.NANOSECONDS);
    if (nudges > 0) this.nudges.increment(nudges);
    if (seeks > 0) this.seeks.increment(seeks);
  }

  @Override
  public void socketOpened(String clientKind) {
    Counter counter = opens.get(clientKind);
    if (counter == null) {
      counter = opens.computeIfAbsent(clientKind, k -> Counter.builder("cowatch.websocket.opens")
          .description("Room WebSockets upgraded, by kind of client").tag("client", k).register(registry));
    }
    counter.increment();
  }

  @Override
  public void socketClosed(int code) {
    int slot = code > 0 && code < CLOSE_CODES_END ? code : OTHER_CLOSE;
    Counter counter = closes.get(slot);
    if (counter == null) {
      // Micrometer hands back the meter already registered under the same name and tags, so a race is
      // harmless; a code outside the protocol gets a slot of its own holding the "other" counter.
      counter = Counter.builder("cowatch.websocket.closes")
          .description("Room WebSockets ended, by close code (docs/protocol.md, \"Closing\")")
          .tag("code", KNOWN_CLOSES.contains(slot) ? Integer.toString(slot) : "other")
          .register(registry);
      closes.set(slot, counter);
    }
    counter.increment();
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
