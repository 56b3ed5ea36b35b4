package dev.cowatch.server.account;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.audit.AuditAction;
import dev.cowatch.server.platform.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in, refresh, sign-out and guests: everything that starts or ends a session.
 *
 * <p>Refresh tokens rotate: each is good for one refresh, which hands out the next one of the same
 * family. Presenting a token that was already used means two parties hold the family (a stolen copy),
 * so the whole family ends and both must sign in again (OAuth 2.0 Security BCP, refresh token rotation).
 */
public final class SessionService {
  private final AccountStore store;
  private final PasswordHasher hasher;
  private final SessionIssuer issuer;
  private final UserCache users;
  private final SessionLiveness liveness;
  private final SessionEnds ends;
  private final Limiters limiters;
  private final AccountAudit audit;
  private final Ids ids;
  private final Clock clock;

  SessionService(AccountStore store, PasswordHasher hasher, SessionIssuer issuer, UserCache users,
      SessionLiveness liveness, Limiters limiters, AccountAudit audit, Ids ids, Clock clock, SessionEnds ends) {
    this.ends = ends;
    this.store = store;
    this.hasher = hasher;
    this.issuer = issuer;
    this.users = users;
    this.liveness = liveness;
    this.limiters = limiters;
    this.audit = audit;
    this.ids = ids;
    this.clock = clock;
  }

  /** Signs in with email and password; {@link AccountError#TOO_MANY_ATTEMPTS} after repeated failures. */
  public Session login(String email, String password, String address) {
    List<FieldError> errors = new ArrayList<>();
    if (email == null || email.isBlank()) errors.add(new FieldError("email", "required"));
    if (password == null || password.isEmpty()) errors.add(new FieldError("password", "required"));
    if (!errors.isEmpty()) throw AccountRefusals.invalid(errors);
    String key = EmailRules.key(email);
    limiters.signInBlockedFor(key, address).ifPresent(wait -> {
      throw AccountRefusals.tooManyAttempts(wait);
    });
    Optional<User> found = store.transaction(r -> r.users().findByEmail(key)).filter(u -> !u.isGuest());
    boolean ok = found.isPresent() ? hasher.matches(password, found.get().passwordHash()) : hasher.matchesNothing(password);
    if (!ok) {
      limiters.signInFailed(key, address);
      audit.record(AuditAction.SIGN_IN_FAILED, found.map(User::id).orElse(null), address,
          Map.of("reason", found.isPresent() ? "wrong-password" : "unknown-email"));
      throw AccountRefusals.of(AccountError.INVALID_CREDENTIALS, "wrong email or password");
    }
    limiters.signInSucceeded(key);
    // After the password check, so a ban's reason is told only to whoever holds the password.
    store.standing().banOf(found.get().id()).ifPresent(ban -> {
      audit.record(AuditAction.SIGN_IN_FAILED, ban.userId(), address, Map.of("reason", "banned"));
      throw AccountRefusals.banned(ban.reason());
    });
    long now = clock.millis();
    Session session = store.transaction(r -> issuer.start(r, found.get(), now));
    audit.record(AuditAction.SIGN_IN, session.user().id(), address);
    return session;
  }

  /** A new guest identity with this name, signed in. */
  public Session guest(String displayName, String address) {
    String name = DisplayNameRules.normalize(displayName);
    DisplayNameRules.problem(name).ifPresent(p -> {
      throw AccountRefusals.invalid(List.of(new FieldError("displayName", p)));
    });
    limiters.creationBlockedFor(address).ifPresent(wait -> {
      throw AccountRefusals.tooManyAttempts(wait);
    });
    limiters.created(address);
    long now = clock.millis();
    User guest = User.guest(ids.userId(), name, now);
    return store.transaction(r -> {
      r.users().insert(guest, now);
      return issuer.start(r, guest, now);
    });
  }

  /**
   * A second session of the caller, in a family of its own: the browser extension signs in as the web app's
   * account this way without ever holding the web app's refresh token (a shared one would be "reused" at the
   * first refresh of either and end both). Signing out on the web app leaves it; signing out everywhere ends it.
   */
  public Session linkDevice(Identity who, String address) {
    long now = clock.millis();
    Session session = store.transaction(r -> {
      User user = r.users().find(who.userId()).orElseThrow(() -> AccountRefusals.of(AccountError.UNKNOWN_USER,
          "this identity no longer exists"));
      return issuer.start(r, user, now);
    });
    audit.record(AuditAction.SIGN_IN, who.userId(), address, Map.of("via", "linked-device"));
    return session;
  }

  /** Exchanges a refresh token for a new session; a reused token ends its family. */
  public Session refresh(String refreshToken, String address) {
    if (refreshToken == null || refreshToken.isBlank()) {
      throw AccountRefusals.invalid(List.of(new FieldError("refreshToken", "required")));
    }
    String hash = TokenHash.of(refreshToken);
    long now = clock.millis();
    Rotation rotation = store.transaction(r -> rotate(r, hash, now));
    return switch (rotation) {
      case Rotation.Rotated rotated -> rotated.session();
      case Rotation.Reused reused -> {
        liveness.forget(reused.familyId()); // the family's access tokens die here at once, elsewhere within a second
        ends.ended(reused.userId());
        audit.record(AuditAction.REFRESH_TOKEN_REUSED, reused.userId(), address,
            Map.of("family", reused.familyId(), "revokedTokens", Integer.toString(reused.revoked())));
        throw AccountRefusals.of(AccountError.INVALID_REFRESH_TOKEN,
            "this refresh token was already used; the session has been ended everywhere it was copied to");
      }
      case Rotation.Invalid invalid -> throw AccountRefusals.of(AccountError.INVALID_REFRESH_TOKEN, invalid.why());
    };
  }

  /** What a refresh did; the reuse case must commit (revoking the family) even though the request fails. */
  private sealed interface Rotation {
    record Rotated(Session session) implements Rotation {}

    record Reused(UserId userId, String familyId, int revoked) implements Rotation {}

    record Invalid(String why) implements Rotation {}
  }

  private Rotation rotate(AccountStore.Repositories r, String hash, long now) {
    Optional<RefreshToken> found = r.refreshTokens().find(hash);
    if (found.isEmpty()) return new Rotation.Invalid("unknown refresh token");
    RefreshToken token = found.get();
    if (token.revokedAt() != null) return new Rotation.Invalid("this session has ended; sign in again");
    if (token.usedAt() == null && now >= token.expiresAt()) {
      return new Rotation.Invalid("the refresh token has expired; sign in again");
    }
    if (token.usedAt() != null || !r.refreshTokens().markUsed(hash, now)) {
      return new Rotation.Reused(token.userId(), token.familyId(), r.refreshTokens().revokeFamily(token.familyId(), now));
    }
    Optional<User> user = r.users().find(token.userId());
    if (user.isEmpty()) return new Rotation.Invalid("unknown user");
    return new Rotation.Rotated(issuer.next(r, user.get(), token.familyId(), now));
  }

  /**
   * Ends the session (family) the refresh token belongs to, and with it the access tokens issued in it: at
   * once on this node, within {@link SessionLiveness#MAX_STALENESS} on the others. Unknown or ended tokens are
   * fine (idempotent).
   */
  public void logout(String refreshToken) {
    if (refreshToken == null || refreshToken.isBlank()) {
      throw AccountRefusals.invalid(List.of(new FieldError("refreshToken", "required")));
    }
    String hash = TokenHash.of(refreshToken);
    long now = clock.millis();
    Optional<RefreshToken> ended = store.transaction(r -> r.refreshTokens().find(hash).map(t -> {
      r.refreshTokens().revokeFamily(t.familyId(), now);
      return t;
    }));
    ended.ifPresent(t -> {
      liveness.forget(t.familyId());
      ends.ended(t.userId());
    });
  }

  /** Ends every session of the user: refresh families revoked, access tokens issued before stop working. */
  public void logoutEverywhere(Identity who, String address) {
    endEverySession(who.userId());
    audit.record(AuditAction.SIGN_OUT_EVERYWHERE, who.userId(), address);
  }

  /**
   * Refresh families revoked, the session version bumped (every access token issued before dies), this
   * node's caches forgotten, and held connections told (on every node, through the room module).
   */
  void endEverySession(UserId user) {
    long now = clock.millis();
    store.transaction(r -> {
      r.refreshTokens().revokeAll(user, now);
      return r.users().bumpSessionVersion(user, now);
    });
    users.forget(user);
    ends.ended(user);
  }

  /** Deletes refresh tokens that expired more than a day ago; run now and then. */
  public int purgeExpired() {
    long cutoff = clock.millis() - 86_400_000L;
    return store.transaction(r -> r.refreshTokens().deleteExpired(cutoff) + r.mailTokens().deleteExpired(cutoff));
  }
}
