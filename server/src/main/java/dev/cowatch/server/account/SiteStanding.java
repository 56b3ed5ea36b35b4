package dev.cowatch.server.account;

import dev.cowatch.core.room.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Port: a user's standing on the whole site, apart from any room: whether they administer it, whether
 * they are banned from it. Each call is its own transaction.
 */
public interface SiteStanding {
  boolean isAdmin(UserId user);

  /** True if the user was not an admin before. */
  boolean grantAdmin(UserId user, long now);

  /** True if the user was an admin. */
  boolean revokeAdmin(UserId user);

  /** Admins, oldest grant first. */
  List<Admin> admins();

  Optional<Ban> banOf(UserId user);

  /** Records a ban, or replaces the reason of one; true if the user was not banned before. */
  boolean ban(Ban ban);

  /** True if the user was banned. */
  boolean unban(UserId user);

  /** Bans, newest first, at most {@code limit}. */
  List<Ban> bans(int limit);

  record Admin(UserId userId, String email, String displayName, long grantedAt) {}

  /** @param bannedBy the admin who banned, or null */
  record Ban(UserId userId, String reason, UserId bannedBy, long bannedAt) {}
}
