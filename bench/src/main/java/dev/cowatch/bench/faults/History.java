package dev.cowatch.bench.faults;

import java.util.Map;
import java.util.Set;

/**
 * What happened in a fault run, as the run's clients and its fault schedule recorded it, on one clock (the
 * orchestrator's, in ms), and what the deployment holds once the faults are over. {@link HistoryChecker} judges it.
 */
public final class History {
  /** One recorded moment. */
  public sealed interface Event permits Sent, Answered, Observed, FaultStarted, FaultEnded {
    long atMs();
  }

  /**
   * A client sent an operation. {@code durableKey} names what must be found at the end once the operation is
   * acknowledged (a chat line's text, an account's name, a setting's value), or is null for a timeline intent, whose
   * proof is the version it was given. {@code room} is null for an operation of no room (a sign-up): it is checked for
   * loss, and not counted in the rooms' refusals.
   */
  public record Sent(long atMs, String client, String room, long op, String kind, String durableKey) implements Event {}

  /** How the deployment answered an operation. */
  public enum Outcome {
    /** Acknowledged: it must never be lost. */
    ACKED,
    /** Refused for the deployment's state (unavailable, 503): not taken, and counted in a room's refusal. */
    UNAVAILABLE,
    /** Refused on its merits (a conflict with a concurrent intent, not allowed): an answer, not an outage. */
    DECLINED,
    /**
     * No answer before the connection went away: it may or may not have happened, and either is correct; counted in
     * a room's refusal, as the person saw nothing happen.
     */
    UNKNOWN
  }

  /**
   * The answer to operation {@code op}; for an acknowledged timeline intent, the {@code version} and {@code timeline}
   * (the timeline's fields but its version, in a canonical text) the room took; else -1 and null. {@code code}: the
   * error code of a refusal the deployment sent ({@code conflict}, {@code unavailable} ...), else null: a history read
   * after a run says why a room declined what it declined.
   */
  public record Answered(long atMs, String client, long op, Outcome outcome, long version, String timeline, String code)
      implements Event {
    public Answered(long atMs, String client, long op, Outcome outcome, long version, String timeline) {
      this(atMs, client, op, outcome, version, timeline, null);
    }
  }

  /** A timeline a client was sent for its room, as it came off the wire (before the client's own ordering). */
  public record Observed(long atMs, String client, String room, long version, String timeline) implements Event {}

  /** The schedule started a fault: {@code kind} such as "redis-primary-kill", {@code target} which process or link. */
  public record FaultStarted(long atMs, String kind, String target) implements Event {}

  /** The schedule ended a fault (a process started again, a link restored, a clock stepped back). */
  public record FaultEnded(long atMs, String kind, String target) implements Event {}

  /** A room as read at the end: its version and timeline. */
  public record RoomAtEnd(long version, String timeline) {}

  /**
   * The deployment once every fault is over and it has settled: each room's timeline, every durable key found (read
   * back through the API), and which client was connected to which room.
   */
  public record End(Map<String, RoomAtEnd> rooms, Set<String> durableKeys, Map<String, String> connectedClients) {}

  private History() {}
}
