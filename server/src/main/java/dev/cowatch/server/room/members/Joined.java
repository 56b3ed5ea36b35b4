package dev.cowatch.server.room.members;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.server.room.bus.RoomBus;

/** A member that {@code RoomService.join} let in, and its subscription to the room's broadcasts. */
public record Joined(MemberId memberId, RoomBus.Subscription subscription) {}
