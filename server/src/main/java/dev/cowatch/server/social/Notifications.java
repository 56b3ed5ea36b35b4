package dev.cowatch.server.social;

import dev.cowatch.core.room.UserId;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Tells users things in the app: stores notifications and pages through them. */
public final class Notifications {
  /** Per user; older ones go when more arrive. */
  public static final int KEEP = 200;
  public static final int PAGE = 50;

  private final NotificationRepository repository;
  private final Clock clock;

  public Notifications(NotificationRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  public Notification notify(UserId to, Notification.Kind kind, Person actor, Map<String, String> data) {
    return repository.add(new Notification(0, to, kind, actor == null ? null : actor.userId(),
        actor == null ? null : actor.displayName(), data, clock.millis(), null), KEEP);
  }

  public record Page(List<Notification> items, int unread) {}

  public Page page(UserId user, Long beforeId) {
    return new Page(repository.page(user, beforeId, PAGE), repository.unreadCount(user));
  }

  public int markRead(UserId user, long upToId) {
    return repository.markRead(user, upToId, clock.millis());
  }
}
