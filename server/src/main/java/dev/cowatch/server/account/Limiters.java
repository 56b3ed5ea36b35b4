package dev.cowatch.server.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The attempt counters identity keeps, and what each counts. */
final class Limiters {
  /** Requests without a client address (tests calling the service) share one bucket. */
  private static final String NO_ADDRESS = "-";

  private final AttemptLimiter signInPerAccount;
  private final AttemptLimiter signInPerAddress;
  private final AttemptLimiter mailsPerRecipient;
  private final AttemptLimiter creationsPerAddress;

  Limiters(SignInLimits limits, Clock clock) {
    Duration window = limits.window();
    int keys = limits.maxTrackedKeys();
    this.signInPerAccount = new AttemptLimiter(limits.perAccount(), window, keys, clock);
    this.signInPerAddress = new AttemptLimiter(limits.perAddress(), window, keys, clock);
    this.mailsPerRecipient = new AttemptLimiter(limits.mailsPerAddress(), window, keys, clock);
    this.creationsPerAddress = new AttemptLimiter(limits.creationsPerAddress(), window, keys, clock);
  }

  /** The longer wait of the two counters, if either is full. */
  Optional<Duration> signInBlockedFor(String emailKey, String address) {
    Optional<Duration> account = signInPerAccount.blockedFor(emailKey);
    Optional<Duration> client = signInPerAddress.blockedFor(addr(address));
    if (account.isEmpty()) return client;
    if (client.isEmpty()) return account;
    return Optional.of(account.get().compareTo(client.get()) >= 0 ? account.get() : client.get());
  }

  void signInFailed(String emailKey, String address) {
    signInPerAccount.record(emailKey);
    signInPerAddress.record(addr(address));
  }

  /** The account starts afresh; the address keeps its count (one success must not unlock guessing elsewhere). */
  void signInSucceeded(String emailKey) {
    signInPerAccount.clear(emailKey);
  }

  /** Whether another mail may go to this recipient now; counts it if so. */
  boolean mayMail(String emailKey) {
    if (mailsPerRecipient.blockedFor(emailKey).isPresent()) return false;
    mailsPerRecipient.record(emailKey);
    return true;
  }

  Optional<Duration> creationBlockedFor(String address) {
    return creationsPerAddress.blockedFor(addr(address));
  }

  void created(String address) {
    creationsPerAddress.record(addr(address));
  }

  private static String addr(String address) {
    return address == null || address.isBlank() ? NO_ADDRESS : address;
  }
}
