package dev.cowatch.server.room.metrics;

import dev.cowatch.server.room.bus.Broadcast;

/**
 * Port: what rooms and their sockets tell whoever measures them (the ops module fills it in with
 * Micrometer; rooms know nothing of it). Every call sits on a hot path, so an implementation must be
 * cheap and must not block: no lookups by name per call, no locks held for long.
 */
public interface RoomMetrics {
  /** How an intent ended. */
  enum Outcome {
    APPLIED,
    /** Stale: decided against a version the room has moved past. */
    CONFLICT,
    /** Not allowed, out of range, or the room is gone. */
    REFUSED,
    /** Over the connection's intent rate: never reached the room. */
    RATE_LIMITED
  }

  /**
   * An intent was decided. {@code kind} is the wire type ({@code play}, {@code seek}, ...);
   * {@code nanos} is from handing it to the room until the room had decided, stored and handed the
   * result to every connection on this node (0 when it never reached the room).
   */
  void intent(String kind, Outcome outcome, long nanos);

  /** A broadcast of {@code kind} was handed to every connection of its room on this node in {@code nanos}. */
  void fanout(Broadcast.Kind kind, long nanos);

  /**
   * A health report taken by the room: the player's own measured error against the room's timeline, and
   * the corrections (rate nudges, seeks) it made since its previous report.
   */
  void healthReported(double driftMs, int nudges, int seeks);

  /** A WebSocket was upgraded; {@code clientKind} as {@code ClientKinds} names it. */
  void socketOpened(String clientKind);

  /** A WebSocket ended with {@code code}, whoever closed it. */
  void socketClosed(int code);

  /** A connection's outbox was full and refused a message. */
  void outboxRefused();

  /** A connection was closed because it could not keep up (full outbox, or a write stuck too long). */
  void slowConsumerClosed();

  /** Measures nothing: tests and tools that run rooms without a server. */
  RoomMetrics NONE = new RoomMetrics() {
    @Override
    public void intent(String kind, Outcome outcome, long nanos) {}

    @Override
    public void fanout(Broadcast.Kind kind, long nanos) {}

    @Override
    public void healthReported(double driftMs, int nudges, int seeks) {}

    @Override
    public void socketOpened(String clientKind) {}

    @Override
    public void socketClosed(int code) {}

    @Override
    public void outboxRefused() {}

    @Override
    public void slowConsumerClosed() {}
  };
}
