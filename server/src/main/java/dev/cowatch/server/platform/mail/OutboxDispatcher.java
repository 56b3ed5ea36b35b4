package dev.cowatch.server.platform.mail;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the {@link MailOutbox} holds once it is due. Each mail is claimed with a lease before it
 * is handed to the {@link Mailer} and marked sent after, so of several nodes exactly one sends it; a
 * node dying between handing it over and marking it sent is the one case where a mail may go twice
 * (the lease runs out and it is sent again), which beats losing a reminder.
 *
 * <p>Failures are retried with growing pauses, {@link #MAX_ATTEMPTS} times in all.
 */
public final class OutboxDispatcher {
  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
  public static final int MAX_ATTEMPTS = 6;
  static final Duration LEASE = Duration.ofMinutes(2);
  static final Duration FIRST_RETRY = Duration.ofMinutes(1);
  private static final int BATCH = 100;

  private final MailOutbox outbox;
  private final Mailer mailer;
  private final Clock clock;

  public OutboxDispatcher(MailOutbox outbox, Mailer mailer, Clock clock) {
    this.outbox = outbox;
    this.mailer = mailer;
    this.clock = clock;
  }

  /** Sends every mail due now; returns how many went out. */
  public int dispatchDue() {
    int sent = 0;
    for (long id : outbox.due(clock.millis(), BATCH)) {
      long now = clock.millis();
      Optional<MailOutbox.Entry> claimed = outbox.claim(id, now, now + LEASE.toMillis());
      if (claimed.isEmpty()) continue; // another node took it
      if (send(claimed.get())) sent++;
    }
    return sent;
  }

  private boolean send(MailOutbox.Entry entry) {
    try {
      mailer.send(entry.message());
    } catch (RuntimeException e) {
      int attempts = entry.attempts() + 1;
      long now = clock.millis();
      Long retryAt = attempts >= MAX_ATTEMPTS ? null : now + FIRST_RETRY.toMillis() * (1L << (attempts - 1));
      log.warn("mail {} to {} failed (attempt {} of {}){}: {}", entry.id(), entry.message().to(), attempts,
          MAX_ATTEMPTS, retryAt == null ? ", giving up" : "", e.getMessage());
      outbox.markFailed(entry.id(), String.valueOf(e.getMessage()), retryAt, now);
      return false;
    }
    outbox.markSent(entry.id(), clock.millis());
    return true;
  }

  /** Looks for due mail every {@code period} on {@code timers}. */
  public void schedule(ScheduledExecutorService timers, Duration period) {
    timers.scheduleWithFixedDelay(() -> {
      try {
        dispatchDue();
      } catch (RuntimeException e) {
        log.warn("dispatching queued mail failed", e);
      }
    }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }
}
