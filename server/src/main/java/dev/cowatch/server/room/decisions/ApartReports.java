package dev.cowatch.server.room.decisions;

import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.room.live.MemberHealthStore;
import dev.cowatch.server.room.live.RoomStore;
import java.time.Clock;
import java.util.Optional;

/**
 * Health reports where members' health is kept apart from the room ({@link MemberHealthStore}): decided on the room
 * as it is now and stored as the member's own entry, without the room's lock (among nodes, its lease). A report
 * changes nothing another decision reads; in a room of ten joining over three nodes, one decision in two had waited
 * for the lease behind reports.
 */
public final class ApartReports {
  private final RoomStore store;
  private final MemberHealthStore health;
  private final DecisionPipeline pipeline;
  private final Clock clock;

  public ApartReports(RoomStore store, MemberHealthStore health, DecisionPipeline pipeline, Clock clock) {
    this.store = store;
    this.health = health;
    this.pipeline = pipeline;
    this.clock = clock;
  }

  /** The report decided and stored; empty if the room is not live here (the caller takes the locked way, which loads it). */
  public Optional<Decision> decide(RoomId roomId, MemberId memberId, Intent.Report report) {
    Optional<Room> room = store.get(roomId);
    if (room.isEmpty()) return Optional.empty();
    Decision d = pipeline.decider().decide(room.get(), memberId, report, clock.millis());
    // No news (figures within the player's own precision of those kept): nothing to store or pass on.
    if (d.isRejected() || d.events().isEmpty()) return Optional.of(d);
    Optional<Member> reported = d.room().member(memberId);
    if (reported.isEmpty()) return Optional.of(d);
    health.saveHealth(roomId, reported.get());
    pipeline.publish(room.get(), d, false);
    return Optional.of(d);
  }
}
