package dev.cowatch.server.admin;

import java.util.List;

/** Port: notices to everyone online, stored so that every node and every page load sees them. */
public interface SiteNotices {
  void add(Notice notice);

  /** True if the notice existed and was still shown. */
  boolean withdraw(String id, long now);

  /** Notices shown at {@code now} (not expired, not withdrawn), newest first, at most {@code limit}. */
  List<Notice> current(long now, int limit);

  /**
   * @param createdBy the admin's user id
   */
  record Notice(String id, String text, String createdBy, long createdAt, long expiresAt) {}
}
