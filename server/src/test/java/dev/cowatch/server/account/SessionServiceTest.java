package dev.cowatch.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.cowatch.server.audit.AuditAction;
import dev.cowatch.server.audit.AuditEntry;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sign-in, refresh rotation, sign-out and rate limits, with a fake clock on the embedded SQLite store. */
class SessionServiceTest {
  private static final String EMAIL = "ann@example.org";
  private static final String PASSWORD = "correct horse battery";
  private final AccountFixture f = new AccountFixture(TestDatabases.sqlite());

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void login_withTheRightPassword_givesASessionForTheAccount_inAnyCaseOfTheEmail() {
    Session registered = f.register(EMAIL, PASSWORD);

    Session session = f.sessions().login("ANN@Example.org", PASSWORD, "10.0.0.1");

    assertThat(session.user().id()).isEqualTo(registered.user().id());
    assertThat(f.authenticator().authenticate(session.accessToken())).hasValue(session.user().identity());
    assertThat(session.accessTokenExpiresAt()).isEqualTo(f.clock.millis() + Duration.ofMinutes(15).toMillis());
    AuditEntry signIn = f.audit.of(AuditAction.SIGN_IN).getFirst();
    assertThat(signIn.actorId()).isEqualTo(session.user().id().value());
    assertThat(signIn.address()).isEqualTo("10.0.0.1");
  }

  @Test
  void login_withAWrongPasswordOrUnknownEmail_isTheSameInvalidCredentials_andAudited() {
    f.register(EMAIL, PASSWORD);

    assertError(() -> f.sessions().login(EMAIL, "wrong password!", "10.0.0.1"), AccountError.INVALID_CREDENTIALS);
    assertError(() -> f.sessions().login("nobody@example.org", PASSWORD, "10.0.0.1"), AccountError.INVALID_CREDENTIALS);

    assertThat(f.audit.of(AuditAction.SIGN_IN_FAILED)).extracting(e -> e.details().get("reason"))
        .containsExactly("wrong-password", "unknown-email");
  }

  @Test
  void accessToken_expiresAfter15Minutes() {
    Session s = f.register(EMAIL, PASSWORD);
    f.clock.advance(Duration.ofMinutes(15).minusSeconds(1));
    assertThat(f.authenticator().authenticate(s.accessToken())).isPresent();
    f.clock.advance(Duration.ofSeconds(1));
    assertThat(f.authenticator().authenticate(s.accessToken())).isEmpty();
  }

  @Test
  void refresh_rotates_theOldTokenIsSpentAndTheNewOneWorks() {
    Session first = f.register(EMAIL, PASSWORD);
    f.clock.advance(Duration.ofMinutes(20));

    Session second = f.sessions().refresh(first.refreshToken(), "10.0.0.1");
    Session third = f.sessions().refresh(second.refreshToken(), "10.0.0.1");

    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(third.user().id()).isEqualTo(first.user().id());
    assertThat(f.authenticator().authenticate(third.accessToken())).isPresent();
  }

  @Test
  void reusingASpentRefreshToken_endsTheWholeFamily_andIsAudited() {
    Session first = f.register(EMAIL, PASSWORD);
    Session other = f.sessions().login(EMAIL, PASSWORD, "10.0.0.9"); // another device, another family
    Session second = f.sessions().refresh(first.refreshToken(), "10.0.0.1");

    assertError(() -> f.sessions().refresh(first.refreshToken(), "10.6.6.6"), AccountError.INVALID_REFRESH_TOKEN);

    assertError(() -> f.sessions().refresh(second.refreshToken(), "10.0.0.1"), AccountError.INVALID_REFRESH_TOKEN);
    assertThat(f.sessions().refresh(other.refreshToken(), "10.0.0.9").user().id()).isEqualTo(first.user().id());
    AuditEntry reuse = f.audit.of(AuditAction.REFRESH_TOKEN_REUSED).getFirst();
    assertThat(reuse.address()).isEqualTo("10.6.6.6");
    assertThat(reuse.details()).containsEntry("revokedTokens", "2");
    assertThat(f.audit.of(AuditAction.REFRESH_TOKEN_REUSED)).hasSize(1);
  }

  @Test
  void refreshTokens_expireAfter30DaysWithoutUse() {
    Session s = f.register(EMAIL, PASSWORD);
    f.clock.advance(Duration.ofDays(29));
    Session next = f.sessions().refresh(s.refreshToken(), null);
    f.clock.advance(Duration.ofDays(30));

    assertThatThrownBy(() -> f.sessions().refresh(next.refreshToken(), null))
        .isInstanceOf(Refusal.class).hasMessageContaining("expired");
  }

  @Test
  void unknownRefreshTokens_areRefused() {
    assertError(() -> f.sessions().refresh("made-up", null), AccountError.INVALID_REFRESH_TOKEN);
    assertError(() -> f.sessions().refresh("", null), AccountError.VALIDATION_FAILED);
  }

  @Test
  void linkDevice_givesTheSameIdentityASessionOfItsOwn_thatOutlivesTheFirstsSignOut_notSignOutEverywhere() {
    Session web = f.register(EMAIL, PASSWORD);
    Session extension = f.sessions().linkDevice(web.user().identity(), "10.0.0.2");
    assertThat(extension.user().id()).isEqualTo(web.user().id());
    assertThat(extension.refreshToken()).isNotEqualTo(web.refreshToken());
    assertThat(f.authenticator().authenticate(extension.accessToken())).hasValue(web.user().identity());
    assertThat(f.audit.of(AuditAction.SIGN_IN)).anySatisfy(e -> assertThat(e.details()).containsEntry("via", "linked-device"));

    // Each refreshes on its own: no reuse between them.
    Session web2 = f.sessions().refresh(web.refreshToken(), null);
    Session extension2 = f.sessions().refresh(extension.refreshToken(), null);
    f.sessions().logout(web2.refreshToken());
    Session extension3 = f.sessions().refresh(extension2.refreshToken(), null);
    assertThat(extension3.user().id()).isEqualTo(web.user().id());

    f.sessions().logoutEverywhere(web.user().identity(), null);
    assertError(() -> f.sessions().refresh(extension3.refreshToken(), null), AccountError.INVALID_REFRESH_TOKEN);
  }

  @Test
  void logout_endsThatFamilyOnly() {
    Session a = f.register(EMAIL, PASSWORD);
    Session b = f.sessions().login(EMAIL, PASSWORD, null);

    f.sessions().logout(a.refreshToken());
    f.sessions().logout(a.refreshToken()); // idempotent

    assertError(() -> f.sessions().refresh(a.refreshToken(), null), AccountError.INVALID_REFRESH_TOKEN);
    assertThat(f.sessions().refresh(b.refreshToken(), null)).isNotNull();
    assertThat(f.audit.of(AuditAction.REFRESH_TOKEN_REUSED)).isEmpty();
  }

  @Test
  void signOut_endsThatSessionsAccessTokenAtOnce_refreshedOnesToo() {
    Session a = f.register(EMAIL, PASSWORD);
    Session a2 = f.sessions().refresh(a.refreshToken(), null);
    Session b = f.sessions().login(EMAIL, PASSWORD, null);
    assertThat(f.authenticator().authenticate(a2.accessToken())).isPresent(); // now cached as alive

    f.sessions().logout(a2.refreshToken());

    assertThat(f.authenticator().authenticate(a.accessToken())).isEmpty();
    assertThat(f.authenticator().authenticate(a2.accessToken())).isEmpty();
    assertThat(f.authenticator().authenticate(b.accessToken())).as("another session of the account").isPresent();
  }

  @Test
  void refreshReuse_endsTheAccessTokensOfTheRevokedFamilyAtOnce() {
    Session first = f.register(EMAIL, PASSWORD);
    Session second = f.sessions().refresh(first.refreshToken(), null);
    assertThat(f.authenticator().authenticate(second.accessToken())).isPresent();

    assertError(() -> f.sessions().refresh(first.refreshToken(), "10.6.6.6"), AccountError.INVALID_REFRESH_TOKEN);

    assertThat(f.authenticator().authenticate(second.accessToken())).isEmpty();
    assertThat(f.authenticator().authenticate(first.accessToken())).isEmpty();
  }

  @Test
  void logoutEverywhere_stopsEarlierAccessTokensAndEveryRefreshToken() {
    Session a = f.register(EMAIL, PASSWORD);
    Session b = f.sessions().login(EMAIL, PASSWORD, null);
    assertThat(f.authenticator().authenticate(b.accessToken())).isPresent(); // now cached

    f.sessions().logoutEverywhere(a.user().identity(), "10.0.0.1");

    assertThat(f.authenticator().authenticate(a.accessToken())).isEmpty();
    assertThat(f.authenticator().authenticate(b.accessToken())).isEmpty();
    assertError(() -> f.sessions().refresh(a.refreshToken(), null), AccountError.INVALID_REFRESH_TOKEN);
    assertError(() -> f.sessions().refresh(b.refreshToken(), null), AccountError.INVALID_REFRESH_TOKEN);
    Session fresh = f.sessions().login(EMAIL, PASSWORD, null);
    assertThat(f.authenticator().authenticate(fresh.accessToken())).isPresent();
    assertThat(f.audit.actions()).contains(AuditAction.SIGN_OUT_EVERYWHERE);
  }

  @Test
  void fiveFailuresForOneAccount_blockIt_for15Minutes_evenWithTheRightPassword() {
    f.register(EMAIL, PASSWORD);
    for (int i = 0; i < 5; i++) {
      assertError(() -> f.sessions().login(EMAIL, "wrong password!", "10.0.0.1"), AccountError.INVALID_CREDENTIALS);
      f.clock.advance(Duration.ofMinutes(1));
    }

    assertThatThrownBy(() -> f.sessions().login(EMAIL, PASSWORD, "10.0.0.2"))
        .asInstanceOf(type(Refusal.class))
        .satisfies(e -> {
          assertThat(e.type()).isEqualTo(AccountError.TOO_MANY_ATTEMPTS.type());
          assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(10));
        });
    f.clock.advance(Duration.ofMinutes(10));
    assertThat(f.sessions().login(EMAIL, PASSWORD, "10.0.0.2")).isNotNull();
  }

  @Test
  void aSuccessfulSignIn_resetsTheAccountsCount() {
    f.register(EMAIL, PASSWORD);
    for (int i = 0; i < 4; i++) assertError(() -> f.sessions().login(EMAIL, "nope nope nope", null), AccountError.INVALID_CREDENTIALS);
    f.sessions().login(EMAIL, PASSWORD, null);
    for (int i = 0; i < 4; i++) assertError(() -> f.sessions().login(EMAIL, "nope nope nope", null), AccountError.INVALID_CREDENTIALS);
    assertThat(f.sessions().login(EMAIL, PASSWORD, null)).isNotNull();
  }

  @Test
  void twentyFailuresFromOneAddress_acrossAccounts_blockThatAddressOnly() {
    f.register(EMAIL, PASSWORD);
    for (int i = 0; i < 20; i++) {
      int n = i;
      assertError(() -> f.sessions().login("victim" + n + "@example.org", "guess guess guess", "10.6.6.6"),
          AccountError.INVALID_CREDENTIALS);
    }

    assertError(() -> f.sessions().login(EMAIL, PASSWORD, "10.6.6.6"), AccountError.TOO_MANY_ATTEMPTS);
    assertThat(f.sessions().login(EMAIL, PASSWORD, "10.0.0.1")).isNotNull();
    f.clock.advance(Duration.ofMinutes(15));
    assertThat(f.sessions().login(EMAIL, PASSWORD, "10.6.6.6")).isNotNull();
  }

  @Test
  void guest_getsAnIdentityOfKindGuest_thatAuthenticates() {
    Session s = f.sessions().guest("  Zoë  ", "10.0.0.1");

    Identity who = f.authenticator().authenticate(s.accessToken()).orElseThrow();
    assertThat(who.kind()).isEqualTo(Identity.Kind.GUEST);
    assertThat(who.displayName()).isEqualTo("Zoë");
    assertThat(s.user().email()).isNull();
    assertThat(s.user().id().value()).matches("u-[A-Za-z0-9_-]{16}");
  }

  @Test
  void guest_withoutAValidName_isRefused() {
    assertError(() -> f.sessions().guest(" ", null), AccountError.VALIDATION_FAILED);
    assertError(() -> f.sessions().guest("x".repeat(41), null), AccountError.VALIDATION_FAILED);
  }

  @Test
  void purgeExpired_dropsTokensExpiredMoreThanADayAgo() {
    Session s = f.register(EMAIL, PASSWORD);
    f.clock.advance(Duration.ofDays(32));
    assertThat(f.sessions().purgeExpired()).isEqualTo(2); // the refresh token and the verification link
    assertError(() -> f.sessions().refresh(s.refreshToken(), null), AccountError.INVALID_REFRESH_TOKEN);
  }

  static void assertError(ThrowingCallable call, AccountError expected) {
    assertThatThrownBy(call).isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.type()).isEqualTo(expected.type()));
  }
}
