package dev.cowatch.server.room.decisions;

import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.Room;
import dev.cowatch.server.platform.trace.Span;
import dev.cowatch.server.platform.trace.Tracing;
import dev.cowatch.server.room.decisions.DurableParts.Part;
import dev.cowatch.server.room.live.RoomRepository;
import dev.cowatch.server.room.live.RoomStore;
import dev.cowatch.server.room.live.Sharing;
import dev.cowatch.server.room.upkeep.IdleRooms;
import dev.cowatch.server.room.upkeep.TimelineCheckpoints;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a room's accepted decisions its state, under the room's lock. The live store's compare-and-set on the room's
 * revision is the commit point: it comes first, then its replicas' confirmation, then the durable parts in the
 * repository, each written at the decision's revision. What the decision acknowledges is broadcast after.
 *
 * <p>Why this order (issue 54): in a cluster the lock is a lease that lapses while its holder is stalled (a GC, a
 * SIGSTOP, a starved CPU), and another node may decide meanwhile from the same revision. Written first, the stalled
 * node's durable parts would land in the database and only then lose the compare-and-set: a decision nobody was told
 * of, over the one that was, found again when the room is next loaded from the database. Compared first, only the
 * decision that owns the revision is ever written; and a winner stalled after its compare-and-set, writing late, is
 * fenced by the revisions the repository keeps (a later decision's parts stand). A write that fails after the
 * compare-and-set undoes the live room (see {@link #undo}). On one node (the in-memory store, the same code) the
 * compare-and-set cannot lose under the lock; a failed write there is the database away, undone the same way. Until
 * the undo, a reader without the lock (a room's snapshot over HTTP) may see the refused decision; no member is sent it.
 */
public final class RoomCommits {
  private static final Logger log = LoggerFactory.getLogger(RoomCommits.class);
  private final RoomStore store;
  private final DurableParts durable;
  private final IdleRooms idle;
  private final Clock clock;
  private final Tracing tracing;
  private final Sharing sharing;

  /** {@code sharing}: one node, or nodes deciding for the same rooms under leases that may lapse. */
  public RoomCommits(RoomStore store, RoomRepository repository, TimelineCheckpoints checkpoints, IdleRooms idle,
      Clock clock, Tracing tracing, Sharing sharing) {
    this.sharing = sharing;
    this.store = store;
    this.durable = new DurableParts(repository, checkpoints, clock, tracing);
    this.idle = idle;
    this.clock = clock;
    this.tracing = tracing;
  }

  /** {@link #commit} as the step {@code room.persist} of whatever is being traced. */
  void traced(Room before, Decision d, Optional<String> passwordChange, RosterAhead ahead) {
    if (d.room() == before) return;
    try (Span step = tracing.step("room.persist", before.id().value())) {
      try {
        commit(before, d, passwordChange, ahead);
      } catch (RuntimeException e) {
        step.failed(e.getClass().getSimpleName());
        throw e;
      }
    }
  }

  /**
   * Makes an accepted decision the room's state: the live store first (lost to another node, it throws and writes
   * nothing), then the replicas' confirmation and the durable parts; if either fails the live room is undone and the
   * failure thrown. The broadcast that follows is what acknowledges it. {@code ahead}: a newcomer's entry already
   * stored; a roster that changed by that entry alone is not written again.
   */
  void commit(Room before, Decision d, Optional<String> passwordChange, RosterAhead ahead) {
    Room after = d.room();
    if (after == before) return;
    if (!swapped(before, after)) {
      // Only this lock's holder writes the room. On one node a failed swap is a bug; in a cluster it is a lease that
      // ran out while this node was starved (seen by the hundred in a join storm's end, 50,000 leaving at once), and
      // another node decided meanwhile: the decision is refused as one to try again, so a departure is asked again
      // later and a join dialled again, where a bug's exception left the member shown connected with no connection.
      throw sharing.lostSwap(after.id());
    }
    EnumSet<Part> attempted = EnumSet.noneOf(Part.class);
    try {
      store.awaitReplicas();
      durable.write(before, after, passwordChange, ahead, EnumSet.allOf(Part.class), attempted);
    } catch (RuntimeException refused) {
      try {
        undo(before, after, attempted);
      } catch (RuntimeException alsoFailed) {
        refused.addSuppressed(alsoFailed);
      }
      throw refused;
    }
    sharing.healthApart().ifPresent(health -> health.forgetHealth(after.id(), HealthReset.of(before, after)));
    idle.changed(after, clock.millis());
  }

  /** The live store's compare-and-set from {@code before}'s revision to {@code after}. */
  private boolean swapped(Room before, Room after) {
    Span storing = tracing.step("room.store", after.id().value());
    try {
      return after.differsOnlyInPlayback(before)
          ? store.replacePlayback(before.revision(), after)
          : store.replace(before.revision(), after);
    } finally {
      storing.close();
    }
  }

  /**
   * The store took the decision but it is refused (its replicas did not confirm it, or a durable part could not be
   * written), and nobody hears of it: the room is made what it was again, under a new revision, while this node still
   * holds the room's lock. Left in place, a decision nobody was told of would stand if the primary lives (the room's
   * members playing on a timeline it no longer has) and vanish if it dies; undone, the room is what its members know in
   * both cases, and a replica that had the decision and is promoted has a version nobody heard, which the next
   * decision moves past. A password the decision set stays set: its hash replaced the old one.
   *
   * <p>Live first, then the {@code attempted} durable parts at the new revision, which replace whatever of the
   * decision's own landed: none when the replicas refused, so that undo waits for no database. They are written only if
   * the live room was undone (a newer revision there is another decision's to write), and their failure (the database
   * still away) is logged, not thrown: the live room is right, and the database keeps the refused part until a later
   * decision writes it again (for the roster, the entries it changes).
   */
  private void undo(Room before, Room after, EnumSet<Part> attempted) {
    Room back = before.withRevision(after.revision() + 1);
    if (!store.replace(after.revision(), back)) {
      log.warn("room {}: a refused decision could not be undone (the room moved on)", after.id());
      return;
    }
    if (attempted.isEmpty()) return;
    try {
      durable.write(after, back, Optional.empty(), RosterAhead.NONE, attempted, EnumSet.noneOf(Part.class));
    } catch (RuntimeException e) {
      log.warn("room {}: the durable parts of an undone decision could not be written back: {}", after.id(), e.toString());
    }
  }
}
