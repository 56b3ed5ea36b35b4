package dev.cowatch.client;

import dev.cowatch.protocol.CloseCodes;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** When to come back after a drop, and when not to. Pure: any thread. (Public: the load generator's viewers follow it.) */
public final class ReconnectPolicy {
  static final long FIRST_BACKOFF_MS = 100;
  static final long MAX_BACKOFF_MS = 5_000;
  /**
   * After the server said it is restarting (1012), tries come at most this far apart until one joins: the
   * node is back within seconds, and a doubling backoff would leave the client seconds behind it.
   */
  static final long RESTART_RETRY_MS = 250;
  /**
   * Closes after which coming back would not help: the protocol's final ones and, since this client's
   * token is fixed for its life, 4401 too (a client that can renew its token retries with the new one).
   */
  static final Set<Integer> FINAL_CLOSES = Stream.concat(CloseCodes.FINAL.stream(),
      Stream.of(CloseCodes.UNAUTHORIZED)).collect(Collectors.toUnmodifiableSet());

  private ReconnectPolicy() {}

  static boolean isFinal(int closeCode) {
    return FINAL_CLOSES.contains(closeCode);
  }

  /** Delay before reconnect number {@code attempt} (0 for the first after a join): doubling, capped. */
  public static long delayMs(int attempt) {
    return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(attempt, 6));
  }

  /** The delay before reconnect number {@code attempt}, when the server closed with 1012 since the last join. */
  static long delayMs(int attempt, boolean serverRestarting) {
    return serverRestarting ? Math.min(RESTART_RETRY_MS, delayMs(attempt)) : delayMs(attempt);
  }
}
