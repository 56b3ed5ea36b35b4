package dev.cowatch.server.room;

import dev.cowatch.core.room.MemberId;

/** A member that {@link RoomService#join} let in, and its subscription to the room's broadcasts. */
public record Joined(MemberId memberId, RoomBus.Subscription subscription) {}
