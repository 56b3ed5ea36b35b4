package dev.cowatch.server.room.ws;

import dev.cowatch.protocol.ClientMessage;
import java.util.ArrayDeque;

/**
 * What a connection reads while its hello is being answered. The hello is answered on a thread of its own (its token
 * checked against the database, its join waiting for the room: seconds when a crowd arrives at once), so the
 * connection goes on reading meanwhile: pings are answered as they come, and a client's clock estimate keeps settling
 * instead of ending up with one sample a minute late; everything else waits here, in the order it came, and is
 * handled on the hello's thread right after the hello, as if the connection had read it then. A client that sends
 * more than {@code capacity} messages before it has joined is told so, message by message. One per connection, so it
 * costs a few bytes until something is held (no queue made before then, its monitor for a lock); its two callers are
 * the reading thread and the hello's, each briefly.
 */
final class HeldForHello {
  /** Messages a client may send between its hello and its {@code joined}: the web app sends none, a script a few. */
  static final int CAPACITY = 64;

  /** A message read while the hello was being answered, with when it was read. */
  record Held(ClientMessage message, long receivedAtMs) {}

  enum Outcome {
    /** No hello is being answered: handle the message now. */
    NOT_ANSWERING,
    /** Kept for after the hello. */
    HELD,
    /** A hello is being answered and {@link #CAPACITY} messages already wait: refuse this one. */
    FULL
  }

  private final int capacity;
  /** Made for the first message held. */
  private ArrayDeque<Held> held;
  private boolean answering;

  HeldForHello(int capacity) {
    this.capacity = capacity;
  }

  /** A hello starts being answered: messages read from now on are held until {@link #next} has none left. */
  synchronized void begin() {
    answering = true;
  }

  /** Holds {@code message} if a hello is being answered. */
  synchronized Outcome hold(ClientMessage message, long receivedAtMs) {
    if (!answering) return Outcome.NOT_ANSWERING;
    if (held == null) held = new ArrayDeque<>();
    if (held.size() >= capacity) return Outcome.FULL;
    held.add(new Held(message, receivedAtMs));
    return Outcome.HELD;
  }

  /**
   * The next held message, in the order read; null once none is left, and then the hello is over: a message read
   * after that is handled as it comes. Under one monitor with {@link #hold}, so none slips between the two.
   */
  synchronized Held next() {
    Held next = held == null ? null : held.poll();
    if (next == null) {
      answering = false;
      held = null;
    }
    return next;
  }
}
