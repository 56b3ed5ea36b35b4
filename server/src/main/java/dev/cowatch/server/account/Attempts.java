package dev.cowatch.server.account;

import java.time.Duration;
import java.util.Optional;

/**
 * Counts events per key (failed sign-ins per account or address, mails per recipient) in a sliding
 * window, up to a limit. Each node's own memory ({@link AttemptLimiter}) on one node; Redis in a
 * cluster, so that spreading attempts over the nodes buys no more of them.
 */
public interface Attempts {
  /** How long until {@code key} may try again, or empty when it is under the limit. */
  Optional<Duration> blockedFor(String key);

  /** Counts one event for {@code key}. */
  void record(String key);

  /** Counts {@code key} as a fresh start (a successful sign-in). */
  void clear(String key);

  /** Makes the counter named {@code name} (a key space of its own): {@code limit} events per {@code window}. */
  @FunctionalInterface
  interface Factory {
    Attempts create(String name, int limit, Duration window);
  }
}
