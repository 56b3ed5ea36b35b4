package dev.cowatch.server.platform.mail;

import java.util.List;
import java.util.Optional;

/**
 * Port: mail waiting to be sent, kept where a restart cannot lose it. {@link OutboxDispatcher} claims
 * what is due, hands it to a {@link Mailer} and records the outcome.
 */
public interface MailOutbox {

  /** One queued mail. {@code sentAt}/{@code givenUpAt} are null until it is sent or abandoned. */
  record Entry(long id, String dedupeKey, MailMessage message, long sendAfter, int attempts, Long sentAt,
      Long givenUpAt, String lastError) {}

  /**
   * Queues {@code message} to go out at {@code sendAfter} or later. With a {@code dedupeKey}, a second
   * call with the same key changes nothing and returns false: scheduling is idempotent.
   */
  boolean enqueue(String dedupeKey, MailMessage message, long sendAfter, long now);

  /**
   * Moves an unsent mail to another time (a rescheduled showing); false when there is none under the
   * key or it has gone already.
   */
  boolean reschedule(String dedupeKey, long sendAfter);

  /** Drops unsent mail whose key starts with {@code keyPrefix}; returns how many. */
  int cancelUnsent(String keyPrefix);

  /** Up to {@code limit} ids of unsent mail that is due at {@code now} and not claimed by anyone. */
  List<Long> due(long now, int limit);

  /**
   * Claims one due mail until {@code leaseUntil}, so no other dispatcher sends it meanwhile. Empty when
   * someone else claimed or sent it first.
   */
  Optional<Entry> claim(long id, long now, long leaseUntil);

  void markSent(long id, long now);

  /** Records a failed attempt: retried after {@code retryAt}, or given up when {@code retryAt} is null. */
  void markFailed(long id, String error, Long retryAt, long now);

  Optional<Entry> find(String dedupeKey);

  /**
   * How the queue stands at {@code now}: unsent mail, unsent mail due for longer than {@code lateMs}
   * (the dispatcher is behind or every attempt fails), and mail given up on. For metrics and readiness.
   */
  Depth depth(long now, long lateMs);

  /** See {@link #depth}. */
  record Depth(long unsent, long late, long givenUp) {}

  /** Mail queued for or sent to {@code recipient}, newest first (for operators and tests). */
  List<Entry> to(String recipient, int limit);
}
