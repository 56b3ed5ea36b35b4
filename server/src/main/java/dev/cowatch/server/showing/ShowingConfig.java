package dev.cowatch.server.showing;

import java.time.Duration;

/**
 * The operator's rules for showings.
 *
 * @param reminderBefore how long before a showing's start its reminder mails go out: 0 to 7 days
 * @param minLead how soon after planning (or moving) a showing may start: people need time to be invited and to
 *     come. 0 to 1 day; tests and small deployments that plan "now" may lower it
 */
public record ShowingConfig(Duration reminderBefore, Duration minLead) {
  public static final Duration DEFAULT_REMINDER_BEFORE = Duration.ofMinutes(30);
  public static final Duration DEFAULT_MIN_LEAD = Duration.ofMinutes(1);

  public ShowingConfig {
    if (reminderBefore == null || reminderBefore.isNegative() || reminderBefore.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("the showing reminder must be 0 to 7 days before the start");
    }
    if (minLead == null || minLead.isNegative() || minLead.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("a showing's least lead must be 0 to 1 day");
    }
  }

  public static ShowingConfig defaults() {
    return new ShowingConfig(DEFAULT_REMINDER_BEFORE, DEFAULT_MIN_LEAD);
  }

  public ShowingConfig withReminderBefore(Duration before) {
    return new ShowingConfig(before, minLead);
  }

  public ShowingConfig withMinLead(Duration lead) {
    return new ShowingConfig(reminderBefore, lead);
  }
}
