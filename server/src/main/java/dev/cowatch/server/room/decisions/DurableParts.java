package dev.cowatch.server.room.decisions;

import dev.cowatch.core.room.Room;
import dev.cowatch.server.platform.trace.Span;
import dev.cowatch.server.platform.trace.Tracing;
import dev.cowatch.server.room.live.RoomRepository;
import dev.cowatch.server.room.upkeep.TimelineCheckpoints;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of a room's decision kept in the repository, each written only if it changed, at the decision's revision
 * (the repository leaves alone a part written at that revision or a later one).
 */
final class DurableParts {
  /** What a decision may write, in the order it is written. */
  enum Part { ROSTER, QUEUE, SETTINGS, TIMELINE }

  private final RoomRepository repository;
  private final TimelineCheckpoints checkpoints;
  private final Clock clock;
  private final Tracing tracing;

  DurableParts(RoomRepository repository, TimelineCheckpoints checkpoints, Clock clock, Tracing tracing) {
    this.repository = repository;
    this.checkpoints = checkpoints;
    this.clock = clock;
    this.tracing = tracing;
  }

  /**
   * Writes those of {@code parts} that changed from {@code before} to {@code after}, noting each in {@code attempted}
   * before its write: a write that throws may still have landed (a connection lost after the commit), so an undo
   * writes back every attempted part, and only those.
   */
  void write(Room before, Room after, Optional<String> passwordChange, RosterAhead ahead, Set<Part> parts,
      EnumSet<Part> attempted) {
    if (parts.contains(Part.ROSTER) && after.roster() != before.roster()
        && !ahead.isTheOnlyChange(before.roster(), after.roster())) {
      // An entry stored ahead is at the revision its join was judged on, older than this one: this write replaces it.
      attempted.add(Part.ROSTER);
      repository.saveRoster(after.id(), after.revision(), before.roster(), after.roster());
    }
    // Identity first: most changes (every health report) leave the queue and settings as they were,
    // and a record's generated equality compares every field.
    if (parts.contains(Part.QUEUE) && after.queue() != before.queue() && !after.queue().equals(before.queue())) {
      attempted.add(Part.QUEUE);
      repository.saveQueue(after.id(), after.revision(), after.queue());
    }
    if (parts.contains(Part.SETTINGS)
        && ((after.settings() != before.settings() && !after.settings().equals(before.settings()))
            || passwordChange.isPresent())) {
      attempted.add(Part.SETTINGS);
      repository.saveSettings(after.id(), after.revision(), after.settings(), passwordChange, clock.millis());
    }
    if (parts.contains(Part.TIMELINE) && (after.timeline() != before.timeline()
        || !Objects.equals(after.subtitleTrack(), before.subtitleTrack()))) {
      attempted.add(Part.TIMELINE);
      Span step = tracing.step("room.checkpoint", after.id().value());
      try {
        checkpoints.saveNow(after, clock.millis());
      } finally {
        step.close();
      }
    }
  }
}
