package dev.cowatch.server.account;

import dev.cowatch.core.room.UserId;
import java.util.Optional;

/** Mail-link tokens by hash. */
public interface MailTokenRepository {

  void insert(MailToken token);

  Optional<MailToken> find(String tokenHash);

  /** Uses the token up if it is unused and unexpired; true for exactly one caller. */
  boolean consume(String tokenHash, long now);

  /** Uses up every open token of this purpose for the user (a reset invalidates the other reset links). */
  int consumeAll(UserId userId, MailToken.Purpose purpose, long now);

  int deleteExpired(long cutoff);
}
