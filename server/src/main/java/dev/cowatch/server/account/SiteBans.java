package dev.cowatch.server.account;

import dev.cowatch.core.room.UserId;
import java.time.Clock;
import java.util.Optional;

/**
 * Site-wide bans: a banned user's sessions end at once (its room sockets close on every node, its tokens
 * stop working) and it cannot sign in again until unbanned. Who may ban is the caller's business (the
 * admin module); what a ban does is here, beside the sessions it ends.
 */
public final class SiteBans {
  /** Room for a sentence or two; the column holds 1000. */
  public static final int MAX_REASON = 500;

  private final AccountStore store;
  private final SessionService sessions;
  private final Clock clock;

  SiteBans(AccountStore store, SessionService sessions, Clock clock) {
    this.store = store;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** Bans (or changes the reason of a ban); true if the user was not banned before. */
  public boolean ban(UserId target, String reason, UserId by) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty() || why.length() > MAX_REASON) {
      throw AccountRefusals.invalid(java.util.List.of(new FieldError("reason",
          "give a reason of 1 to " + MAX_REASON + " characters: the person is shown it")));
    }
    boolean fresh = store.standing().ban(new SiteStanding.Ban(target, why, by, clock.millis()));
    sessions.endEverySession(target);
    return fresh;
  }

  public boolean unban(UserId target) {
    return store.standing().unban(target);
  }

  public Optional<SiteStanding.Ban> banOf(UserId user) {
    return store.standing().banOf(user);
  }
}
