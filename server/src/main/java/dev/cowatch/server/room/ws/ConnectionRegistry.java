package dev.cowatch.server.room.ws;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * This node's connections: which one currently speaks for a member, and the sweep that closes
 * connections whose heartbeats stopped or that never said hello.
 */
final class ConnectionRegistry {
  private record MemberKey(RoomId room, MemberId member) {}

  private final Set<ClientConnection> all = ConcurrentHashMap.newKeySet();
  private final ConcurrentMap<MemberKey, ClientConnection> current = new ConcurrentHashMap<>();
  private final Clock clock;
  private final long deadConnectionMs;
  private final long helloTimeoutMs;

  ConnectionRegistry(Clock clock, long deadConnectionMs, long helloTimeoutMs) {
    this.clock = clock;
    this.deadConnectionMs = deadConnectionMs;
    this.helloTimeoutMs = helloTimeoutMs;
  }

  void opened(ClientConnection c) {
    all.add(c);
  }

  /** The member now speaks through {@code c}; an older connection of the same member is closed. */
  void joined(ClientConnection c) {
    ClientConnection previous = current.put(new MemberKey(c.roomId(), c.memberId()), c);
    if (previous != null && previous != c) previous.replacedBy();
  }

  void removed(ClientConnection c) {
    all.remove(c);
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

  void sweep() {
    long now = clock.millis();
    for (ClientConnection c : all) {
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
