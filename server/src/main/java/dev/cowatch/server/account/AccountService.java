package dev.cowatch.server.account;

import dev.cowatch.server.audit.AuditAction;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts: registering, upgrading a guest, proving an email address, and passwords. Password hashing
 * (tens of milliseconds) happens before a transaction opens, never while it holds locks.
 */
public final class AccountService {
  private static final Logger log = LoggerFactory.getLogger(AccountService.class);
  private final AccountStore store;
  private final PasswordHasher hasher;
  private final SessionIssuer issuer;
  private final UserCache users;
  private final Limiters limiters;
  private final AccountMails mails;
  private final AccountAudit audit;
  private final Ids ids;
  private final SessionEnds ends;
  private final Clock clock;
  private final Duration verifyTtl;
  private final Duration resetTtl;
  private final Executor afterTheAnswer;

  AccountService(AccountStore store, PasswordHasher hasher, SessionIssuer issuer, UserCache users, Limiters limiters,
      AccountMails mails, AccountAudit audit, Ids ids, Clock clock, AccountConfig config,
      SessionEnds ends, Executor afterTheAnswer) {
    this.afterTheAnswer = afterTheAnswer;
    this.ends = ends;
    this.store = store;
    this.hasher = hasher;
    this.issuer = issuer;
    this.users = users;
    this.limiters = limiters;
    this.mails = mails;
    this.audit = audit;
    this.ids = ids;
    this.clock = clock;
    this.verifyTtl = config.verifyTokenTtl();
    this.resetTtl = config.resetTokenTtl();
  }

  /** A new account, signed in, with a verification mail on its way. */
  public Session register(String email, String password, String displayName, String address) {
    String name = DisplayNameRules.normalize(displayName);
    String mail = email == null ? null : email.strip();
    requireValid(mail, password, name, true);
    limiters.creationBlockedFor(address).ifPresent(wait -> {
      throw AccountRefusals.tooManyAttempts(wait);
    });
    String hash = hasher.hash(password);
    long now = clock.millis();
    User user = User.account(ids.userId(), mail, name, hash, now);
    String verifyToken = ids.secretToken();
    Session session = store.transaction(r -> {
      if (r.users().findByEmail(mail).isPresent()) throw emailTaken();
      r.users().insert(user, now);
      r.mailTokens().insert(verifyToken(verifyToken, user, now));
      return issuer.start(r, user, now);
    });
    limiters.created(address);
    audit.record(AuditAction.ACCOUNT_CREATED, user.id(), address);
    if (limiters.mayMail(EmailRules.key(mail))) mails.sendVerification(mail, name, verifyToken, verifyTtl);
    return session;
  }

  /** Turns the calling guest into an account with the same user id; its other sessions end. */
  public Session upgrade(Identity who, String email, String password, String displayName, String address) {
    if (!who.isGuest()) throw AccountRefusals.of(AccountError.NOT_A_GUEST, "this identity is already an account");
    String name = displayName == null ? null : DisplayNameRules.normalize(displayName);
    String mail = email == null ? null : email.strip();
    requireValid(mail, password, name, false);
    String hash = hasher.hash(password);
    long now = clock.millis();
    String verifyToken = ids.secretToken();
    Session session = store.transaction(r -> {
      User guest = r.users().find(who.userId()).filter(User::isGuest)
          .orElseThrow(() -> AccountRefusals.of(AccountError.NOT_A_GUEST, "this identity is not a guest"));
      if (r.users().findByEmail(mail).isPresent()) throw emailTaken();
      User account = guest.upgradedTo(mail, name == null ? guest.displayName() : name, hash);
      r.users().update(account, now);
      // Guest sessions elsewhere (another tab, a shared device) must not carry on as the account.
      r.refreshTokens().revokeAll(account.id(), now);
      r.mailTokens().insert(verifyToken(verifyToken, account, now));
      return issuer.start(r, account, now);
    });
    users.forget(who.userId());
    ends.ended(who.userId());
    audit.record(AuditAction.GUEST_UPGRADED, who.userId(), address);
    if (limiters.mayMail(EmailRules.key(mail))) {
      mails.sendVerification(mail, session.user().displayName(), verifyToken, verifyTtl);
    }
    return session;
  }

  /** Marks the address the link was sent to as verified. */
  public User verifyEmail(String token, String address) {
    String hash = requireToken(token);
    long now = clock.millis();
    User user = store.transaction(r -> {
      MailToken t = usable(r, hash, MailToken.Purpose.VERIFY_EMAIL, now);
      User u = r.users().find(t.userId()).filter(x -> !x.isGuest() && EmailRules.key(x.email()).equals(EmailRules.key(t.email())))
          .orElseThrow(() -> invalidToken("the link was for an address this account no longer has"));
      if (!r.mailTokens().consume(hash, now)) throw invalidToken("the link was used already");
      User verified = u.verified();
      if (!u.emailVerified()) r.users().update(verified, now);
      return verified;
    });
    users.forget(user.id());
    audit.record(AuditAction.EMAIL_VERIFIED, user.id(), address);
    return user;
  }

  /** Sends another verification mail to the caller's unverified address. */
  public void resendVerification(Identity who) {
    User user = current(who);
    if (user.isGuest()) throw AccountRefusals.of(AccountError.NOT_AN_ACCOUNT, "a guest has no email address to verify");
    if (user.emailVerified()) throw AccountRefusals.of(AccountError.ALREADY_VERIFIED, "the address is already verified");
    if (!limiters.mayMail(EmailRules.key(user.email()))) {
      throw AccountRefusals.tooManyAttempts(Duration.ofMinutes(15));
    }
    long now = clock.millis();
    String token = ids.secretToken();
    store.transaction(r -> {
      r.mailTokens().insert(verifyToken(token, user, now));
      return null;
    });
    mails.sendVerification(user.email(), user.displayName(), token, verifyTtl);
  }

  /**
   * Mails a reset link if the address belongs to an account. Says nothing either way, and takes the same steps either
   * way before it returns: none but checking the input. The look-up, the token and the mail run afterwards on
   * {@code afterTheAnswer}, so that neither the answer nor its timing tells who has an account.
   */
  public void requestPasswordReset(String email) {
    if (email == null || email.isBlank()) throw AccountRefusals.invalid(List.of(new FieldError("email", "required")));
    afterTheAnswer.execute(() -> {
      try {
        mailResetLink(email);
      } catch (RuntimeException e) {
        log.warn("password reset not mailed: {}", e.toString());
      }
    });
  }

  private void mailResetLink(String email) {
    Optional<User> user = store.transaction(r -> r.users().findByEmail(email)).filter(u -> !u.isGuest());
    if (user.isEmpty() || !limiters.mayMail(EmailRules.key(email))) return;
    User u = user.get();
    long now = clock.millis();
    String token = ids.secretToken();
    store.transaction(r -> {
      r.mailTokens().insert(new MailToken(TokenHash.of(token), MailToken.Purpose.RESET_PASSWORD, u.id(), u.email(), now,
          now + resetTtl.toMillis(), null));
      return null;
    });
    mails.sendPasswordReset(u.email(), u.displayName(), token, resetTtl);
  }

  /** Sets a new password from a reset link; every session of the account ends. */
  public void confirmPasswordReset(String token, String newPassword, String address) {
    String hash = requireToken(token);
    if (newPassword == null || newPassword.isEmpty()) {
      throw AccountRefusals.invalid(List.of(new FieldError("password", "required")));
    }
    long now = clock.millis();
    User user = store.transaction(r -> {
      MailToken t = usable(r, hash, MailToken.Purpose.RESET_PASSWORD, now);
      return r.users().find(t.userId()).orElseThrow(() -> invalidToken("unknown account"));
    });
    PasswordRules.problem(newPassword, user.email()).ifPresent(p -> {
      throw AccountRefusals.invalid(List.of(new FieldError("password", p)));
    });
    String newHash = hasher.hash(newPassword);
    store.transaction(r -> {
      if (!r.mailTokens().consume(hash, now)) throw invalidToken("the link was used already");
      r.mailTokens().consumeAll(user.id(), MailToken.Purpose.RESET_PASSWORD, now);
      // Following the link proved the address, so it counts as verified too.
      r.users().update(user.withPasswordHash(newHash).verified(), now);
      r.refreshTokens().revokeAll(user.id(), now);
      return r.users().bumpSessionVersion(user.id(), now);
    });
    users.forget(user.id());
    ends.ended(user.id());
    audit.record(AuditAction.PASSWORD_RESET, user.id(), address);
  }

  /** The caller as stored. */
  public User current(Identity who) {
    return users.get(who.userId())
        .orElseThrow(() -> AccountRefusals.of(AccountError.UNKNOWN_USER, "this identity no longer exists"));
  }

  public User rename(Identity who, String displayName) {
    String name = DisplayNameRules.normalize(displayName);
    DisplayNameRules.problem(name).ifPresent(p -> {
      throw AccountRefusals.invalid(List.of(new FieldError("displayName", p)));
    });
    long now = clock.millis();
    User renamed = store.transaction(r -> {
      User u = r.users().find(who.userId())
          .orElseThrow(() -> AccountRefusals.of(AccountError.UNKNOWN_USER, "this identity no longer exists"));
      User next = u.withDisplayName(name);
      r.users().update(next, now);
      return next;
    });
    users.forget(who.userId());
    return renamed;
  }

  /**
   * Changes the password, given the current one. Other sessions stay signed in (the caller can end them
   * with sign-out everywhere); wrong current passwords count against the account like failed sign-ins,
   * so a stolen access token cannot be used to guess the password.
   */
  public void changePassword(Identity who, String currentPassword, String newPassword, String address) {
    User user = current(who);
    if (user.isGuest()) throw AccountRefusals.of(AccountError.NOT_AN_ACCOUNT, "a guest has no password");
    List<FieldError> errors = new ArrayList<>();
    if (currentPassword == null || currentPassword.isEmpty()) errors.add(new FieldError("currentPassword", "required"));
    PasswordRules.problem(newPassword, user.email()).ifPresent(p -> errors.add(new FieldError("newPassword", p)));
    if (!errors.isEmpty()) throw AccountRefusals.invalid(errors);
    String key = EmailRules.key(user.email());
    limiters.signInBlockedFor(key, address).ifPresent(wait -> {
      throw AccountRefusals.tooManyAttempts(wait);
    });
    if (!hasher.matches(currentPassword, user.passwordHash())) {
      limiters.signInFailed(key, address);
      throw AccountRefusals.of(AccountError.WRONG_PASSWORD, "the current password is wrong");
    }
    String newHash = hasher.hash(newPassword);
    long now = clock.millis();
    store.transaction(r -> {
      User fresh = r.users().find(user.id()).orElseThrow();
      r.users().update(fresh.withPasswordHash(newHash), now);
      return null;
    });
    users.forget(user.id());
    audit.record(AuditAction.PASSWORD_CHANGED, user.id(), address);
  }

  private static void requireValid(String email, String password, String displayName, boolean nameRequired) {
    List<FieldError> errors = new ArrayList<>();
    EmailRules.problem(email).ifPresent(p -> errors.add(new FieldError("email", p)));
    PasswordRules.problem(password, email).ifPresent(p -> errors.add(new FieldError("password", p)));
    if (nameRequired || displayName != null) {
      DisplayNameRules.problem(displayName).ifPresent(p -> errors.add(new FieldError("displayName", p)));
    }
    if (!errors.isEmpty()) throw AccountRefusals.invalid(errors);
  }

  private MailToken verifyToken(String token, User user, long now) {
    return new MailToken(TokenHash.of(token), MailToken.Purpose.VERIFY_EMAIL, user.id(), user.email(), now,
        now + verifyTtl.toMillis(), null);
  }

  private static MailToken usable(AccountStore.Repositories r, String hash, MailToken.Purpose purpose, long now) {
    MailToken t = r.mailTokens().find(hash).filter(x -> x.purpose() == purpose)
        .orElseThrow(() -> invalidToken("unknown link"));
    if (t.usedAt() != null) throw invalidToken("the link was used already");
    if (!t.usableAt(now)) throw invalidToken("the link has expired; ask for a new one");
    return t;
  }

  private static String requireToken(String token) {
    if (token == null || token.isBlank()) throw AccountRefusals.invalid(List.of(new FieldError("token", "required")));
    return TokenHash.of(token);
  }

  private static Refusal invalidToken(String detail) {
    return AccountRefusals.of(AccountError.INVALID_TOKEN, detail);
  }

  private static Refusal emailTaken() {
    return AccountRefusals.of(AccountError.EMAIL_TAKEN, "an account with this email exists; sign in or reset the password");
  }
}
