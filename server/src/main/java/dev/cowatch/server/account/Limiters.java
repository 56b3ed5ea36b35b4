package dev.cowatch.server.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The attempt counters identity keeps, and what each counts. */
final class Limiters {
  /** Requests without a client address (tests calling the service) share one bucket. */
  private static final String NO_ADDRESS = "-";

  private final Attempts signInPerAccount;
  private final Attempts signInPerAddress;
  private final Attempts mailsPerRecipient;
  private final Attempts creationsPerAddress;

  /** Counters in this node's memory. */
  Limiters(SignInLimits limits, Clock clock) {
    this(limits, inMemory(limits.maxTrackedKeys(), clock));
  }

  Limiters(SignInLimits limits, Attempts.Factory counters) {
    Duration window = limits.window();
    this.signInPerAccount = counters.create("sign-in-account", limits.perAccount(), window);
    this.signInPerAddress = counters.create("sign-in-address", limits.perAddress(), window);
    this.mailsPerRecipient = counters.create("mail-recipient", limits.mailsPerAddress(), window);
    this.creationsPerAddress = counters.create("creation-address", limits.creationsPerAddress(), window);
  }

  /** Counters in this node's memory, each remembering at most {@code maxKeys} keys. */
  static Attempts.Factory inMemory(int maxKeys, Clock clock) {
    return (name, limit, window) -> new AttemptLimiter(limit, window, maxKeys, clock);
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
