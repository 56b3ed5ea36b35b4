package dev.cowatch.server.room.ws;

import dev.cowatch.server.platform.Limits;
import java.util.function.LongSupplier;

/**
 * One connection's rate limits. Every message counts toward the flood limit, past which the connection
 * is closed rather than answered; intents and chat have tighter limits of their own, which a client
 * hits in normal use (a held key, a pasted paragraph) and is told about. Thread-safe: a connection's messages held
 * for its hello are counted on the hello's thread while its reading thread counts the pings that come meanwhile.
 */
public final class MessageLimits {
  /** Chat lines a connection may send: a short burst, then about one a second. */
  public static final int CHAT_BURST = 5;
  public static final double CHAT_PER_SECOND = 1;

  /**
   * Peer-to-peer signals: setting up one connection takes an offer or answer and 5-20 ICE candidates
   * (Chromium with two interfaces and a TURN server sends about 12), and a sharer sets up one per
   * receiver at once; past the burst, 20 a second still connects a receiver or two a second.
   */
  static final int SIGNAL_BURST = 100;
  static final double SIGNALS_PER_SECOND = 20;

  /** What a limited message asks for. */
  public enum Kind { INTENT, CHAT, REACTION, SIGNAL }

  /** A message the server spent longer than this on held the connection's next ones unread (see {@link #handled}). */
  static final long HELD_NANOS = 1_000_000_000L;

  private static final int MESSAGES = 0;
  private static final int INTENTS = 1;
  private static final int CHAT = 2;
  private static final int SIGNALS = 3;

  /** The rates of the last limits seen: every connection of a server has the same (made once, not per connection). */
  private static volatile Shared shared;

  private record Shared(Limits limits, TokenBucket.Rates rates) {}

  private final Limits limits;
  private final LongSupplier nanoTime;
  private final TokenBucket buckets;

  /** {@code nanoTime}: elapsed time, for refilling the buckets. */
  public MessageLimits(Limits limits, LongSupplier nanoTime) {
    this.limits = limits;
    this.nanoTime = nanoTime;
    this.buckets = new TokenBucket(ratesOf(limits), nanoTime.getAsLong());
  }

  private static TokenBucket.Rates ratesOf(Limits limits) {
    Shared s = shared;
    if (s != null && s.limits().equals(limits)) return s.rates();
    TokenBucket.Rates rates = new TokenBucket.Rates(
        new double[] {limits.floodBurst(), limits.intentBurst(), CHAT_BURST, SIGNAL_BURST},
        new double[] {limits.messagesPerSecond(), limits.intentsPerSecond(), CHAT_PER_SECOND, SIGNALS_PER_SECOND});
    shared = new Shared(limits, rates);
    return rates;
  }

  private boolean take(int bucket) {
    return buckets.tryTake(bucket, nanoTime.getAsLong());
  }

  /** The clock's reading as a message's handling starts, for {@link #handled}. */
  public long handling() {
    return nanoTime.getAsLong();
  }

  /**
   * A message begun at {@code startedNanos} ({@link #handling}) has been handled. The connection's next messages are
   * read only after it, so a long one (an intent that waited seconds for its room on a starved cluster; a hello no
   * longer holds up the reading, see {@code HeldForHello}) leaves the sender's messages of meanwhile to arrive at once:
   * a client's pings, four a second while its clock settles, reached the flood burst after a join that waited a
   * minute. What the flood limit allows over that time is credited, so messages sent at an allowed rate are no flood
   * because the server read them late.
   */
  public synchronized void handled(long startedNanos) {
    long held = nanoTime.getAsLong() - startedNanos;
    if (held > HELD_NANOS) buckets.credit(MESSAGES, held);
  }

  /** Takes a token from the flood limit; true when there was none. */
  public synchronized boolean flooding() {
    return !take(MESSAGES);
  }

  /** Takes a token for {@code kind}: null when there was one, else the limit hit, in words for the sender. */
  public synchronized String exceeded(Kind kind) {
    return switch (kind) {
      case INTENT -> take(INTENTS) ? null
          : "more than " + (int) limits.intentsPerSecond() + " intents per second";
      case CHAT -> take(CHAT) ? null : "at most " + (int) CHAT_PER_SECOND + " chat messages per second";
      // Reactions share the chat bucket: a burst of emoji is as loud as a burst of lines.
      case REACTION -> take(CHAT) ? null
          : "at most " + (int) CHAT_PER_SECOND + " chat messages or reactions per second";
      case SIGNAL -> take(SIGNALS) ? null : "at most " + (int) SIGNALS_PER_SECOND + " signals per second";
    };
  }
}
