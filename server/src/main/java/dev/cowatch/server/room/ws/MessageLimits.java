package dev.cowatch.server.room.ws;

import dev.cowatch.server.platform.Limits;
import java.util.function.LongSupplier;

/**
 * One connection's rate limits. Every message counts toward the flood limit, past which the connection
 * is closed rather than answered; intents and chat have tighter limits of their own, which a client
 * hits in normal use (a held key, a pasted paragraph) and is told about.
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

  private final Limits limits;
  private final TokenBucket messages;
  private final TokenBucket intents;
  private final TokenBucket chat;
  private final TokenBucket signals;

  /** {@code nanoTime}: elapsed time, for refilling the buckets. */
  public MessageLimits(Limits limits, LongSupplier nanoTime) {
    this.limits = limits;
    this.messages = new TokenBucket(limits.floodBurst(), limits.messagesPerSecond(), nanoTime);
    this.intents = new TokenBucket(limits.intentBurst(), limits.intentsPerSecond(), nanoTime);
    this.chat = new TokenBucket(CHAT_BURST, CHAT_PER_SECOND, nanoTime);
    this.signals = new TokenBucket(SIGNAL_BURST, SIGNALS_PER_SECOND, nanoTime);
  }

  /** Takes a token from the flood limit; true when there was none. */
  public boolean flooding() {
    return !messages.tryTake();
  }

  /** Takes a token for {@code kind}: null when there was one, else the limit hit, in words for the sender. */
  public String exceeded(Kind kind) {
    return switch (kind) {
      case INTENT -> intents.tryTake() ? null
          : "more than " + (int) limits.intentsPerSecond() + " intents per second";
      case CHAT -> chat.tryTake() ? null : "at most " + (int) CHAT_PER_SECOND + " chat messages per second";
      // Reactions share the chat bucket: a burst of emoji is as loud as a burst of lines.
      case REACTION -> chat.tryTake() ? null
          : "at most " + (int) CHAT_PER_SECOND + " chat messages or reactions per second";
      case SIGNAL -> signals.tryTake() ? null : "at most " + (int) SIGNALS_PER_SECOND + " signals per second";
    };
  }
}
