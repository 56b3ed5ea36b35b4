package dev.cowatch.server.social;

import dev.cowatch.core.room.UserId;
import java.util.List;

/** Port: users' notifications, newest first. */
public interface NotificationRepository {

  /** Stores it (its id is assigned) and drops the user's oldest beyond {@code keep}. */
  Notification add(Notification n, int keep);

  /** Up to {@code limit} notifications with ids below {@code beforeId} (null: the newest), newest first. */
  List<Notification> page(UserId user, Long beforeId, int limit);

  int unreadCount(UserId user);

  /** Marks every notification up to {@code upToId} read; returns how many changed. */
  int markRead(UserId user, long upToId, long now);
}
