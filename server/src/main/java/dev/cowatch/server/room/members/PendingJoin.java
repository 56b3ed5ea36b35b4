package dev.cowatch.server.room.members;

import dev.cowatch.server.account.Identity;
import dev.cowatch.server.room.bus.RoomBus;
import dev.cowatch.server.room.decisions.RosterAhead;

/** A join waiting for its room's lock (see {@link WaitingDecisions}): what it asks, then the member it made. */
final class PendingJoin extends WaitingDecisions.Pending<Joined> {
  final Identity who;
  final String name;
  final String resumeToken;
  final RoomBus.Listener listener;
  final String client;
  final RosterAhead ahead;

  PendingJoin(Identity who, String name, String resumeToken, RoomBus.Listener listener, String client,
      RosterAhead ahead) {
    this.who = who;
    this.name = name;
    this.resumeToken = resumeToken;
    this.listener = listener;
    this.client = client;
    this.ahead = ahead;
  }
}
