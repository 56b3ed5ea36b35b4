package dev.cowatch.server.account;

import static dev.cowatch.server.account.SessionServiceTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.server.audit.AuditAction;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.platform.mail.MailMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registration, verification, guest upgrade and passwords, with a fake clock on the embedded SQLite store. */
class AccountServiceTest {
  private static final String EMAIL = "ann@example.org";
  private static final String PASSWORD = "correct horse battery";
  private final AccountFixture f = new AccountFixture(TestDatabases.sqlite());

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void register_createsAnUnverifiedAccount_signedIn_andMailsAVerificationLink() {
    Session s = f.accounts().register(" Ann@Example.org ", PASSWORD, " Ann ", "10.0.0.1");

    assertThat(s.user().email()).isEqualTo("Ann@Example.org");
    assertThat(s.user().displayName()).isEqualTo("Ann");
    assertThat(s.user().emailVerified()).isFalse();
    assertThat(s.user().passwordHash()).startsWith("$argon2id$");
    MailMessage mail = f.mailer.to("Ann@Example.org").getFirst();
    assertThat(mail.text()).contains(AccountFixture.PUBLIC_URL + "/verify?token=");
    assertThat(f.audit.of(AuditAction.ACCOUNT_CREATED).getFirst().address()).isEqualTo("10.0.0.1");
  }

  @Test
  void register_collectsEveryInvalidField() {
    assertThatThrownBy(() -> f.accounts().register("not-an-email", "short", "", null))
        .isInstanceOfSatisfying(Refusal.class, e -> {
          assertThat(e.type()).isEqualTo(AccountError.VALIDATION_FAILED.type());
          List<?> errors = (List<?>) e.extensions().get("errors");
          assertThat(errors.stream().map(field -> String.valueOf(((Map<?, ?>) field).get("field"))).toList())
              .containsExactly("email", "password", "displayName");
        });
    assertThat(f.mailer.sent()).isEmpty();
  }

  @Test
  void register_anEmailTakenInAnotherCase_isRefused_andWritesNothing() {
    f.register(EMAIL, PASSWORD);

    assertError(() -> f.accounts().register("ANN@example.org", PASSWORD, "Other Ann", null), AccountError.EMAIL_TAKEN);

    assertThat(f.mailer.sent()).hasSize(1);
    assertThat(f.audit.of(AuditAction.ACCOUNT_CREATED)).hasSize(1);
    long users = f.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
    assertThat(users).isEqualTo(1);
  }

  @Test
  void verifyEmail_withTheMailedToken_marksTheAddressVerified_once() {
    f.register(EMAIL, PASSWORD);
    String token = f.mailer.lastToken(EMAIL, "/verify");

    User verified = f.accounts().verifyEmail(token, "10.0.0.1");

    assertThat(verified.emailVerified()).isTrue();
    assertThat(f.sessions().login(EMAIL, PASSWORD, null).user().emailVerified()).isTrue();
    assertThat(f.audit.of(AuditAction.EMAIL_VERIFIED)).hasSize(1);
    assertError(() -> f.accounts().verifyEmail(token, null), AccountError.INVALID_TOKEN);
  }

  @Test
  void verifyEmail_after24Hours_isRefused() {
    f.register(EMAIL, PASSWORD);
    String token = f.mailer.lastToken(EMAIL, "/verify");
    f.clock.advance(Duration.ofHours(24));

    assertThatThrownBy(() -> f.accounts().verifyEmail(token, null)).hasMessageContaining("expired");
  }

  @Test
  void resendVerification_sendsANewLink_andRefusesOnceVerified() {
    Session s = f.register(EMAIL, PASSWORD);
    f.accounts().resendVerification(s.user().identity());
    assertThat(f.mailer.to(EMAIL)).hasSize(2);

    f.accounts().verifyEmail(f.mailer.lastToken(EMAIL, "/verify"), null);

    assertError(() -> f.accounts().resendVerification(s.user().identity()), AccountError.ALREADY_VERIFIED);
  }

  @Test
  void mailsToOneAddress_areLimited() {
    Session s = f.register(EMAIL, PASSWORD);
    for (int i = 0; i < 4; i++) f.accounts().resendVerification(s.user().identity());
    assertError(() -> f.accounts().resendVerification(s.user().identity()), AccountError.TOO_MANY_ATTEMPTS);
    assertThat(f.mailer.to(EMAIL)).hasSize(5);
  }

  @Test
  void upgrade_turnsTheGuestIntoAnAccount_withTheSameUserId() {
    Session guest = f.sessions().guest("Zoë", "10.0.0.1");

    Session account = f.accounts().upgrade(guest.user().identity(), EMAIL, PASSWORD, null, "10.0.0.1");

    assertThat(account.user().id()).isEqualTo(guest.user().id());
    assertThat(account.user().kind()).isEqualTo(Identity.Kind.ACCOUNT);
    assertThat(account.user().displayName()).isEqualTo("Zoë");
    assertThat(f.authenticator().authenticate(account.accessToken()).orElseThrow().kind()).isEqualTo(Identity.Kind.ACCOUNT);
    assertThat(f.sessions().login(EMAIL, PASSWORD, null).user().id()).isEqualTo(guest.user().id());
    assertError(() -> f.sessions().refresh(guest.refreshToken(), null), AccountError.INVALID_REFRESH_TOKEN);
    assertThat(f.mailer.lastToken(EMAIL, "/verify")).isNotBlank();
    assertThat(f.audit.of(AuditAction.GUEST_UPGRADED).getFirst().actorId()).isEqualTo(guest.user().id().value());
  }

  @Test
  void upgrade_ofAnAccount_orToATakenEmail_isRefused_andTheGuestStaysAGuest() {
    Session ann = f.register(EMAIL, PASSWORD);
    Session guest = f.sessions().guest("Zoë", null);

    assertError(() -> f.accounts().upgrade(ann.user().identity(), "x@example.org", PASSWORD, null, null),
        AccountError.NOT_A_GUEST);
    assertError(() -> f.accounts().upgrade(guest.user().identity(), "ANN@example.org", PASSWORD, null, null),
        AccountError.EMAIL_TAKEN);

    assertThat(f.authenticator().authenticate(guest.accessToken()).orElseThrow().isGuest()).isTrue();
    assertThat(f.sessions().refresh(guest.refreshToken(), null).user().isGuest()).isTrue();
  }

  @Test
  void passwordReset_byMail_setsTheNewPassword_endsEverySession_andTheLinkWorksOnce() {
    Session before = f.register(EMAIL, PASSWORD);
    f.accounts().requestPasswordReset("ANN@example.org");
    String token = f.mailer.lastToken(EMAIL, "/reset-password");

    f.accounts().confirmPasswordReset(token, "a brand new passphrase", "10.0.0.1");

    assertThat(f.authenticator().authenticate(before.accessToken())).isEmpty();
    assertError(() -> f.sessions().refresh(before.refreshToken(), null), AccountError.INVALID_REFRESH_TOKEN);
    assertError(() -> f.sessions().login(EMAIL, PASSWORD, null), AccountError.INVALID_CREDENTIALS);
    Session after = f.sessions().login(EMAIL, "a brand new passphrase", null);
    assertThat(after.user().emailVerified()).as("the mail proved the address").isTrue();
    assertError(() -> f.accounts().confirmPasswordReset(token, "yet another passphrase", null), AccountError.INVALID_TOKEN);
    assertThat(f.audit.actions()).contains(AuditAction.PASSWORD_RESET);
  }

  @Test
  void passwordReset_forAnUnknownAddress_saysNothing_andSendsNothing() {
    f.accounts().requestPasswordReset("nobody@example.org");
    assertThat(f.mailer.sent()).isEmpty();
  }

  @Test
  void passwordReset_linkExpiresAfterAnHour_andAWeakNewPasswordKeepsItUsable() {
    f.register(EMAIL, PASSWORD);
    f.accounts().requestPasswordReset(EMAIL);
    String token = f.mailer.lastToken(EMAIL, "/reset-password");

    assertError(() -> f.accounts().confirmPasswordReset(token, "aaaaaaaaaaaa", null), AccountError.VALIDATION_FAILED);
    f.clock.advance(Duration.ofMinutes(59));
    f.accounts().requestPasswordReset(EMAIL);
    String second = f.mailer.lastToken(EMAIL, "/reset-password");
    f.clock.advance(Duration.ofMinutes(1));

    assertError(() -> f.accounts().confirmPasswordReset(token, "a brand new passphrase", null), AccountError.INVALID_TOKEN);
    f.accounts().confirmPasswordReset(second, "a brand new passphrase", null);
  }

  @Test
  void changePassword_needsTheCurrentOne_andKeepsTheSession() {
    Session s = f.register(EMAIL, PASSWORD);

    assertError(() -> f.accounts().changePassword(s.user().identity(), "not my password", "a brand new passphrase", null),
        AccountError.WRONG_PASSWORD);
    f.accounts().changePassword(s.user().identity(), PASSWORD, "a brand new passphrase", "10.0.0.1");

    assertThat(f.authenticator().authenticate(s.accessToken())).isPresent();
    assertThat(f.sessions().login(EMAIL, "a brand new passphrase", null)).isNotNull();
    assertThat(f.audit.of(AuditAction.PASSWORD_CHANGED)).hasSize(1);
  }

  @Test
  void rename_showsInTheIdentityOfTokensAlreadyIssued() {
    Session s = f.register(EMAIL, PASSWORD);
    f.authenticator().authenticate(s.accessToken());

    f.accounts().rename(s.user().identity(), " Annie ");

    assertThat(f.authenticator().authenticate(s.accessToken()).orElseThrow().displayName()).isEqualTo("Annie");
    assertError(() -> f.accounts().rename(s.user().identity(), "bad\u0000name"), AccountError.VALIDATION_FAILED);
  }
}
