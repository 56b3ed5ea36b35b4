package dev.cowatch.server.room.ws;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What still has to be written to one connection, bounded so that a slow client never slows its
 * room, and written without a thread of its own: whoever offers a message starts the write if none
 * is in flight, and each finished write starts the next. A broadcast is therefore written by the
 * thread that decided it, straight after the decision, with no hand-over to another thread per
 * member. One write is in flight at a time, so messages leave in the order they were queued.
 *
 * <p>Timeline and presence are state: a newer one replaces an unsent older one. Changes to the
 * member list are written after the presence they change; when one comes while an earlier presence
 * is still unsent, the whole list it comes with replaces both. Other messages queue up to a
 * capacity; past it the connection counts as slow. Queued messages are suppliers so that a pong is
 * stamped when it is really sent.
 */
final class Outbox {
  /** Writes one text frame and says when it is written. */
  interface Sink {
    void write(ByteBuffer utf8, Write done);
  }

  /** What the connection hears about its outbox; called outside the outbox's lock. */
  interface Listener {
    /** Everything queued before {@link #finish} has been written. */
    void finished();

    /** A write failed: the connection is broken. */
    void failed(Throwable cause);
  }

  private final int capacity;
  private final Sink sink;
  private final Listener listener;
  private final LongSupplier clockMs;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Supplier<ByteBuffer>> queue = new ArrayDeque<>();
  private ByteBuffer timeline;
  private ByteBuffer presence;
  private boolean closed;
  private boolean finishing;
  private boolean finishedSaid;
  private boolean writing;
  /** Read by the heartbeat sweep for every connection twice a second: no lock for that. */
  private volatile long writingSinceMs;

  Outbox(int capacity, Sink sink, Listener listener, LongSupplier clockMs) {
    this.capacity = capacity;
    this.sink = sink;
    this.listener = listener;
    this.clockMs = clockMs;
  }

  /** False when full: the caller closes the connection as a slow consumer. */
  boolean offer(Supplier<ByteBuffer> message) {
    lock.lock();
    try {
      if (closed) return true;
      if (queue.size() >= capacity) return false;
      queue.add(message);
    } finally {
      lock.unlock();
    }
    pump();
    return true;
  }

  void offerTimeline(ByteBuffer utf8) {
    lock.lock();
    try {
      timeline = utf8;
    } finally {
      lock.unlock();
    }
    pump();
  }

  void offerPresence(ByteBuffer utf8) {
    lock.lock();
    try {
      presence = utf8;
    } finally {
      lock.unlock();
    }
    pump();
  }

  /** Changes to the member list; {@code whole} is the list they lead to, sent instead when one is pending. */
  void offerPresenceChanges(ByteBuffer changes, ByteBuffer whole) {
    lock.lock();
    try {
      presence = presence == null ? changes : whole;
    } finally {
      lock.unlock();
    }
    pump();
  }

  /** Writes what is queued, then tells the listener {@code finished}; later state is not sent. */
  void finish() {
    lock.lock();
    try {
      finishing = true;
    } finally {
      lock.unlock();
    }
    pump();
  }

  void close() {
    lock.lock();
    try {
      closed = true;
      queue.clear();
      timeline = null;
      presence = null;
    } finally {
      lock.unlock();
    }
  }

  /** Since when the write in flight has been waiting for the client (0: none in flight). */
  long writingSinceMs() {
    return writingSinceMs;
  }

  /**
   * Starts writes until one is left in flight or nothing is pending. A write that completes at once
   * is followed here, in a loop; one that completes later continues from its callback.
   */
  private void pump() {
    while (true) {
      Supplier<ByteBuffer> queued;
      ByteBuffer state = null;
      boolean sayFinished = false;
      lock.lock();
      try {
        if (writing || closed) return;
        queued = queue.poll();
        if (queued == null && finishing) {
          // Said once: whatever comes after the end is not sent (a broadcast offered while the close is on its way
          // must not become a write of nothing: that went out as an empty text frame).
          if (finishedSaid) return;
          sayFinished = true;
          finishedSaid = true;
        } else if (queued == null) {
          if (timeline != null) {
            state = timeline;
            timeline = null;
          } else if (presence != null) {
            state = presence;
            presence = null;
          } else {
            return;
          }
        }
        if (!sayFinished) {
          writing = true;
          writingSinceMs = clockMs.getAsLong();
        }
      } finally {
        lock.unlock();
      }
      if (sayFinished) {
        listener.finished();
        return;
      }
      Write w = new Write();
      try {
        sink.write(queued != null ? queued.get() : state, w);
      } catch (RuntimeException e) {
        w.failed(e);
      }
      if (!w.senderLeaves()) continue;
      return;
    }
  }

  private void written() {
    lock.lock();
    try {
      writing = false;
      writingSinceMs = 0;
    } finally {
      lock.unlock();
    }
  }

  /** One write's completion, which may come before or after {@link Sink#write} returns. */
  final class Write {
    private static final int PENDING = 0;
    private static final int SENDER_LEFT = 1;
    private static final int DONE = 2;
    private final AtomicInteger phase = new AtomicInteger(PENDING);

    public void succeeded() {
      written();
      // Done before write() returned: the sender's loop goes on. Otherwise it is up to us.
      if (!phase.compareAndSet(PENDING, DONE)) pump();
    }

    public void failed(Throwable cause) {
      close();
      phase.set(DONE);
      listener.failed(cause);
    }

    /** True when the write is still in flight: its callback will carry on. */
    private boolean senderLeaves() {
      return phase.compareAndSet(PENDING, SENDER_LEFT);
    }
  }
}
