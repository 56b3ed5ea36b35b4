package dev.cowatch.server.social;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.UserId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Who is around: a user is online while the web app checks in (it polls its notifications) or while
 * connected to a room, and is watching in the rooms where a session of theirs is connected.
 *
 * <p>Per node: in a cluster each node knows its own check-ins and rooms (a shared store is the
 * many-nodes work's).
 */
public final class Presence {
  /** The web app checks in every 30 s; three missed check-ins and the user is offline. */
  public static final Duration ONLINE_WINDOW = Duration.ofSeconds(90);
  private static final int MAX_TRACKED = 200_000;

  private final Clock clock;
  private final Function<Set<UserId>, Map<UserId, List<Room>>> roomsConnected;
  private final Map<UserId, Long> lastSeen = new ConcurrentHashMap<>();

  /** @param roomsConnected the live rooms where each of the given users has a connected session */
  public Presence(Clock clock, Function<Set<UserId>, Map<UserId, List<Room>>> roomsConnected) {
    this.clock = clock;
    this.roomsConnected = roomsConnected;
  }

  public void seen(UserId user) {
    long now = clock.millis();
    if (lastSeen.size() >= MAX_TRACKED) forgetStale(now);
    lastSeen.put(user, now);
  }

  /** The users among {@code users} seen lately, and where each is watching. */
  public Map<UserId, List<Room>> watching(Set<UserId> users) {
    return roomsConnected.apply(users);
  }

  public boolean recentlySeen(UserId user) {
    Long at = lastSeen.get(user);
    return at != null && clock.millis() - at <= ONLINE_WINDOW.toMillis();
  }

  private void forgetStale(long now) {
    lastSeen.values().removeIf(at -> now - at > ONLINE_WINDOW.toMillis());
  }
}
