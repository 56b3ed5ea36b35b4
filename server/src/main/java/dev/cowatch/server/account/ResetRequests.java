package dev.cowatch.server.account;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where password-reset requests are carried out once their answer has gone: looking the address up, storing a token
 * and the SMTP round trip took a known address tens of milliseconds longer than an unknown one, and that difference
 * told anyone timing the answer who has an account. One thread, so that a flood of requests costs the database and
 * the mail server no more than one at a time; a bounded queue, so that it costs no memory either. A request that
 * finds the queue full is dropped whatever its address (the user asks again), which tells nobody anything.
 */
final class ResetRequests {
  private static final Logger log = LoggerFactory.getLogger(ResetRequests.class);
  /** A minute of SMTP round trips at ~50 ms each; beyond it a flood, not people who forgot their password. */
  static final int QUEUE = 1_000;

  private ResetRequests() {}

  static Executor inTheBackground() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(QUEUE), r -> {
      Thread t = new Thread(r, "password-resets");
      t.setDaemon(true);
      return t;
    }, (r, full) -> log.warn("password reset dropped: {} requests are waiting already", QUEUE));
    pool.allowCoreThreadTimeOut(true); // no thread while nobody asks
    return pool;
  }
}
