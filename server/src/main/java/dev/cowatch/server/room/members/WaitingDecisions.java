package dev.cowatch.server.room.members;

import dev.cowatch.core.room.RoomId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decisions of one kind (joins, or departures) waiting on this node for each room's lock. Whichever of them gets the
 * lock decides every one of its kind waiting for the room by then (up to {@link #MAX_TOGETHER}) in one go: one read
 * of the room, one compare-and-set, one round trip for their sessions and one presence list, where each on its own
 * took all of those. In a cluster this is what a crowd arriving or leaving at once needs: ten members of a room join
 * over three nodes together, and every round trip of a decision is made while the room's lease keeps the other
 * nodes' decisions waiting (in the capacity run, leases held for seconds on two saturated cores refused joins after
 * 15 s, and the crowd leaving at the end could not be marked gone). The others find theirs decided when their turn
 * comes, and ask for no lease then.
 */
final class WaitingDecisions<P extends WaitingDecisions.Pending<?>> {
  /**
   * Decided together at most: a room of hundreds joining at once is decided in turns of this many, so one turn's
   * lease stays short and the decisions waiting on the other nodes get theirs between.
   */
  static final int MAX_TOGETHER = 32;

  private final ConcurrentHashMap<RoomId, List<P>> byRoom = new ConcurrentHashMap<>();

  /**
   * One decision waiting for its room, and then what became of it: written by the thread that decided it, under the
   * room's lock, and read by the decision's own thread after it had the lock.
   */
  abstract static class Pending<R> {
    private volatile R outcome;
    private volatile RuntimeException refused;

    final void decided(R r) {
      outcome = r;
    }

    final void refused(RuntimeException why) {
      refused = why;
    }

    final boolean isDecided() {
      return outcome != null || refused != null;
    }

    /** What became of it, or the refusal it got thrown. */
    final R outcome() {
      if (refused != null) throw refused;
      if (outcome == null) throw new IllegalStateException("a decision was left waiting");
      return outcome;
    }
  }

  /** Refuses with {@code why} each of {@code taken} not decided yet (the turn that took them failed). */
  static void refuseUndecided(List<? extends Pending<?>> taken, RuntimeException why) {
    for (Pending<?> p : taken) {
      if (!p.isDecided()) p.refused(why);
    }
  }

  void add(RoomId room, P pending) {
    byRoom.compute(room, (r, waiting) -> {
      List<P> list = waiting == null ? new ArrayList<>() : waiting;
      list.add(pending);
      return list;
    });
  }

  /** Takes the room's waiting decisions, the oldest first, at most {@link #MAX_TOGETHER}; the rest wait on. */
  List<P> take(RoomId room) {
    List<P> taken = new ArrayList<>();
    byRoom.computeIfPresent(room, (r, waiting) -> {
      int n = Math.min(waiting.size(), MAX_TOGETHER);
      taken.addAll(waiting.subList(0, n));
      waiting.subList(0, n).clear();
      return waiting.isEmpty() ? null : waiting;
    });
    return taken;
  }

  /** Takes back one nobody took (its thread could not have the lock); false if another thread took it. */
  boolean withdraw(RoomId room, P pending) {
    boolean[] found = {false};
    byRoom.computeIfPresent(room, (r, waiting) -> {
      found[0] = waiting.remove(pending);
      return waiting.isEmpty() ? null : waiting;
    });
    return found[0];
  }
}
