package dev.cowatch.server.room.members;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.server.room.bus.RoomBus;

/**
 * A member's connection gone, waiting for its room's lock (see {@link WaitingDecisions}), then whether that
 * connection still spoke for the member (and the member was marked disconnected).
 */
final class PendingLeave extends WaitingDecisions.Pending<Boolean> {
  final MemberId member;
  final RoomBus.Listener connection;

  PendingLeave(MemberId member, RoomBus.Listener connection) {
    this.member = member;
    this.connection = connection;
  }
}
