package dev.cowatch.server.account;

import java.time.Duration;

/**
 * How many failed sign-ins are tolerated before answering 429.
 *
 * @param perAccount failures per email address in the window: stops guessing one account's password
 * @param perAddress failures per client address: stops one client guessing across many accounts
 *     (higher, because a household or office shares an address)
 * @param maxTrackedKeys memory bound of each counter
 * @param mailsPerAddress verification and reset mails per recipient in the window: nobody can use us
 *     to flood someone's inbox
 * @param creationsPerAddress registrations and guests per client address in the window
 */
public record SignInLimits(int perAccount, int perAddress, Duration window, int maxTrackedKeys, int mailsPerAddress,
    int creationsPerAddress) {
  public static final SignInLimits DEFAULTS = new SignInLimits(5, 20, Duration.ofMinutes(15), 100_000, 5, 200);
}
