package dev.cowatch.server.room.ws;

import dev.cowatch.server.platform.jdbc.DatabaseFaults;
import java.util.function.Supplier;

/**
 * The chat history a member gets right after joining, read again when the database is too busy to lend a
 * connection in time: in a join storm (50,000 viewers joining on two cores) a few dozen reads a run waited past the
 * pool's bound, and the join they followed, already done, was answered with an error and dialled again (its old
 * member still in the room, which then counted one too many). Runs on the hello's own thread: the socket goes on
 * answering pings while it waits.
 */
final class ChatHistoryRead {
  /** Pauses before the second and third tries: with the pool's own 3 s wait, about 10 s in all. */
  static final long[] PAUSES_MS = {500, 1_500};

  private ChatHistoryRead() {}

  /** What {@code read} returns, tried again after each pause while the database is unavailable; its last failure. */
  static <T> T withRetries(Supplier<T> read) {
    for (int attempt = 0; ; attempt++) {
      try {
        return read.get();
      } catch (RuntimeException e) {
        if (attempt == PAUSES_MS.length || !DatabaseFaults.isUnavailable(e)) throw e;
        try {
          Thread.sleep(PAUSES_MS[attempt]);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
