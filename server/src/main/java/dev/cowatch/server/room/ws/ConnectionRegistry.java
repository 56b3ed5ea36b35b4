package dev.cowatch.server.room.ws;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * This node's connections: which one currently speaks for a member, and the sweep that closes
 * connections whose heartbeats stopped, that never said hello, or that stopped taking their frames.
 *
 * <p>The sweep runs every {@link #TICK_MS} but walks every connection only every few ticks
 * ({@link #wholeEvery}): a heartbeat stops mattering after tens of seconds, and walking 17,000
 * connections twice a second was a tenth of a two-core machine's time in the capacity run (issue 22),
 * each connection a few cache misses away. Connections still waiting for their hello are few and
 * their bound is short: they are walked on every tick.
 */
final class ConnectionRegistry {
  /** How often the sweep runs: a connection that never says hello is closed within its bound and this. */
  static final long TICK_MS = 500;

  private record MemberKey(RoomId room, MemberId member) {}

  private final Set<ClientConnection> all = ConcurrentHashMap.newKeySet();
  /** Opened and not joined yet: the hello bound is checked for these on every tick. */
  private final Set<ClientConnection> greeting = ConcurrentHashMap.newKeySet();
  private final ConcurrentMap<MemberKey, ClientConnection> current = new ConcurrentHashMap<>();
  /** Departures of this node's closed connections that their rooms could not hear at once. */
  private final LateDepartures lateDepartures = new LateDepartures();
  private final Clock clock;
  private final long deadConnectionMs;
  private final long helloTimeoutMs;
  private final int wholeEvery;
  /** Ticks so far: only the sweeping thread counts them. */
  private long ticks;

  /**
   * @param sendTimeoutMs a connection whose frame waits longer than this is closed: with the heartbeat's
   *     bound, it sets how often every connection is walked (a quarter of the shorter one, so either is
   *     found at most a quarter late)
   */
  ConnectionRegistry(Clock clock, long deadConnectionMs, long helloTimeoutMs, long sendTimeoutMs) {
    this.clock = clock;
    this.deadConnectionMs = deadConnectionMs;
    this.helloTimeoutMs = helloTimeoutMs;
    this.wholeEvery = wholeEvery(deadConnectionMs, sendTimeoutMs);
  }

  /** Ticks between two walks over every connection: at least one. */
  static int wholeEvery(long deadConnectionMs, long sendTimeoutMs) {
    return (int) Math.max(1, Math.min(deadConnectionMs, sendTimeoutMs) / 4 / TICK_MS);
  }

  LateDepartures lateDepartures() {
    return lateDepartures;
  }

  void opened(ClientConnection c) {
    all.add(c);
    greeting.add(c);
  }

  /** The member now speaks through {@code c}; an older connection of the same member is closed. */
  void joined(ClientConnection c) {
    greeting.remove(c);
    ClientConnection previous = current.put(new MemberKey(c.roomId(), c.memberId()), c);
    if (previous != null && previous != c) previous.replacedBy();
  }

  /** The connection that speaks for the member on this node, if any. */
  ClientConnection speakingFor(RoomId room, MemberId member) {
    return current.get(new MemberKey(room, member));
  }

  void removed(ClientConnection c) {
    all.remove(c);
    greeting.remove(c);
    if (c.memberId() != null) current.remove(new MemberKey(c.roomId(), c.memberId()), c);
  }

  /** The user's connections on this node check whether their session has ended. */
  void recheckSessionsOf(dev.cowatch.core.room.UserId user) {
    for (ClientConnection c : all) {
      if (user.equals(c.userId())) c.recheckSession();
    }
  }

  /** Every connection is told the server restarts (1012); completes when every close frame is out. */
  java.util.concurrent.CompletableFuture<Integer> restartAll() {
    java.util.List<java.util.concurrent.CompletableFuture<Void>> sent = new java.util.ArrayList<>();
    for (ClientConnection c : all) sent.add(c.restarting());
    return java.util.concurrent.CompletableFuture.allOf(sent.toArray(java.util.concurrent.CompletableFuture[]::new))
        .thenApply(done -> sent.size());
  }

  int size() {
    return all.size();
  }

  /** Connections that speak for a member, by their client kind; each of {@code kinds} is in it, zero or not. */
  java.util.Map<String, Integer> membersByKind(java.util.List<String> kinds) {
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    for (String k : kinds) counts.put(k, 0);
    for (ClientConnection c : current.values()) counts.merge(c.clientKind(), 1, Integer::sum);
    return counts;
  }

  /** Connections walked on this tick: every one now and then, otherwise those still waiting for their hello. */
  void sweep() {
    sweep(ticks++ % wholeEvery == 0 ? all : greeting);
  }

  private void sweep(Set<ClientConnection> connections) {
    long now = clock.millis();
    for (ClientConnection c : connections) {
      if (c.silentSince(now, deadConnectionMs, helloTimeoutMs)) {
        boolean joined = c.memberId() != null;
        c.close(joined ? dev.cowatch.protocol.CloseCodes.HEARTBEAT_TIMEOUT : dev.cowatch.protocol.CloseCodes.PROTOCOL_ERROR,
            joined ? "no heartbeat" : "no hello");
      } else if (c.stuckSince(now)) {
        c.close(dev.cowatch.protocol.CloseCodes.SLOW_CONSUMER, "cannot keep up");
      }
    }
  }
}
