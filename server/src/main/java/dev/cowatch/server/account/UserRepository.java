package dev.cowatch.server.account;

import dev.cowatch.core.room.UserId;
import java.util.Optional;

/** Users by id and by email (case-insensitive). */
public interface UserRepository {

  Optional<User> find(UserId id);

  /** Looks up by {@link EmailRules#key}, so any capitalization finds the account. */
  Optional<User> findByEmail(String email);

  /** Inserts a new user; {@link AccountError#EMAIL_TAKEN} when another user has the address. */
  void insert(User user, long now);

  /** Replaces kind, email, name, password hash and verification of an existing user (not the session version). */
  void update(User user, long now);

  /** Ends every session of the user: access tokens carrying an older version stop working. Returns the new version. */
  long bumpSessionVersion(UserId id, long now);
}
