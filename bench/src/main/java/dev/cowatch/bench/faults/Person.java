package dev.cowatch.bench.faults;

import java.util.concurrent.TimeUnit;

/**
 * Someone of the run with an account: their user id, and an access token that is signed in for again before it
 * expires (15 minutes), as the web app renews its own, so that a run longer than that still joins and asks. Signing in
 * again (not the single-use refresh token) keeps a person who lost an answer to a fault: a refresh answered by a node
 * killed before the answer left would be spent, and the next one revoke the whole session.
 */
final class Person {
  /** Well inside the access token's 15 minutes, with time to try again through several faults. */
  static final long RENEW_AFTER_NANOS = TimeUnit.MINUTES.toNanos(10);
  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final HttpOps http;
  private final String email;
  private final String userId;
  private String token;
  private long signedInNanos;
  private long triedNanos;

  Person(HttpOps http, String email, String userId, String token) {
    this.http = http;
    this.email = email;
    this.userId = userId;
    this.token = token;
    this.signedInNanos = System.nanoTime();
  }

  String userId() {
    return userId;
  }

  /** The access token, signed in for anew when it is older than {@link #RENEW_AFTER_NANOS} (kept when that fails). */
  synchronized String token() {
    long now = System.nanoTime();
    if (now - signedInNanos > RENEW_AFTER_NANOS && now - triedNanos > RETRY_NANOS) {
      triedNanos = now;
      String fresh = http.signIn(email);
      if (fresh != null) {
        token = fresh;
        signedInNanos = now;
      }
    }
    return token;
  }
}
