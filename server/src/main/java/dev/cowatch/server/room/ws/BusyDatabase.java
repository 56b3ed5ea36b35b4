package dev.cowatch.server.room.ws;

import dev.cowatch.server.platform.jdbc.DatabaseFaults;
import java.util.function.Supplier;

/**
 * A hello's work tried again when the database is too busy to lend a connection in time, as its client would after
 * being refused, but without the close, the new socket and the new hello on the same busy node. In a join storm
 * (50,000 viewers joining on two cores) a few reads a run waited past the pool's bound: the chat history a member
 * gets right after joining (the join, already done, was then answered with an error and dialled again, its old member
 * still in the room), and a joiner's own sign-in or its room's load (the client refused, to dial again). Only what
 * has changed nothing when it fails is tried again: a join that fails for the database is undone (RoomCommits: the
 * live room is made what it was again, under a new revision, and nobody is told of the join). Runs on the hello's own
 * thread: the socket goes on answering pings while it waits.
 */
final class BusyDatabase {
  /** Pauses before the second and third tries: with the pool's own 3 s wait, about 10 s in all. */
  static final long[] PAUSES_MS = {500, 1_500};

  private BusyDatabase() {}

  /** What {@code read} returns, tried again after each pause while the database is unavailable; its last failure. */
  static <T> T retried(Supplier<T> read) {
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
