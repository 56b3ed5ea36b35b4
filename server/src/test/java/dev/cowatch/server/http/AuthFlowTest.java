package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.cowatch.server.account.RecordingMailer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whole identity flows through HTTP against the real server, with mail delivered over SMTP to an
 * in-process GreenMail and the links in it followed.
 */
class AuthFlowTest {
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withPerMethodLifecycle(false);
  private static AccountServer api;

  @BeforeAll
  static void start() {
    api = new AccountServer(MAIL.getSmtp().getPort());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void register_mail_verify_login_refresh_logoutAll() throws Exception {
    var registered = api.post("/api/auth/register",
        "{\"email\":\"Ann@Example.org\",\"password\":\"correct horse battery\",\"displayName\":\"Ann\"}");
    assertThat(registered.status()).isEqualTo(201);
    assertThat(registered.headers().firstValue("Cache-Control")).hasValue("no-store");
    String userId = registered.text("/user/id");
    assertThat(registered.text("/user/kind")).isEqualTo("account");
    assertThat(registered.json().at("/user/emailVerified").asBoolean()).isFalse();
    assertThat(registered.json().at("/accessTokenExpiresAt").asLong()).isEqualTo(api.clock.millis() + 15 * 60_000);

    String mailText = onlyMailTo("Ann@Example.org");
    assertThat(mailText).contains(AccountServer.PUBLIC_URL + "/verify?token=");
    var verified = api.post("/api/auth/verify-email", "{\"token\":\"" + RecordingMailer.tokenIn(mailText) + "\"}");
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.json().at("/emailVerified").asBoolean()).isTrue();
    assertThat(verified.text("/email")).isEqualTo("Ann@Example.org");

    var login = api.post("/api/auth/login", "{\"email\":\"ann@example.org\",\"password\":\"correct horse battery\"}");
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.text("/user/id")).isEqualTo(userId);
    assertThat(login.json().at("/user/emailVerified").asBoolean()).isTrue();

    api.clock.advance(Duration.ofMinutes(16));
    assertThat(api.get("/api/me", login.text("/accessToken")).status()).as("access token expired").isEqualTo(401);
    var refreshed = api.post("/api/auth/refresh", "{\"refreshToken\":\"" + login.text("/refreshToken") + "\"}");
    assertThat(refreshed.status()).isEqualTo(200);
    var me = api.get("/api/me", refreshed.text("/accessToken"));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.text("/id")).isEqualTo(userId);
    assertThat(me.text("/displayName")).isEqualTo("Ann");

    var logoutAll = api.post("/api/auth/logout-all", "", refreshed.text("/accessToken"));
    assertThat(logoutAll.status()).isEqualTo(204);
    assertThat(api.get("/api/me", refreshed.text("/accessToken")).status()).isEqualTo(401);
    assertThat(api.get("/api/me", registered.text("/accessToken")).status()).isEqualTo(401);
    var afterLogout = api.post("/api/auth/refresh", "{\"refreshToken\":\"" + refreshed.text("/refreshToken") + "\"}");
    assertThat(afterLogout.status()).isEqualTo(401);
    assertThat(afterLogout.problem()).isEqualTo("invalid-refresh-token");
  }

  @Test
  void passwordReset_byMail_thenSignInWithTheNewPassword() throws Exception {
    var registered = api.post("/api/auth/register",
        "{\"email\":\"bob@example.org\",\"password\":\"correct horse battery\",\"displayName\":\"Bob\"}");
    assertThat(registered.status()).isEqualTo(201);

    int mailsBefore = MAIL.getReceivedMessages().length;
    var unknown = api.post("/api/auth/password-reset", "{\"email\":\"nobody@example.org\"}");
    var asked = api.post("/api/auth/password-reset", "{\"email\":\"BOB@example.org\"}");
    assertThat(asked.status()).isEqualTo(202);
    assertThat(unknown.status()).isEqualTo(202);
    // Both are carried out after their answers, in turn: once Bob's mail came, nobody's request was done before it.
    assertThat(MAIL.waitForIncomingEmail(10_000, mailsBefore + 1)).isTrue();
    assertThat(MAIL.getReceivedMessagesForDomain("nobody@example.org")).isEmpty();

    String resetMail = Arrays.stream(MAIL.getReceivedMessagesForDomain("bob@example.org"))
        .map(AuthFlowTest::text).filter(t -> t.contains("/reset-password?token=")).findFirst().orElseThrow();
    assertThat(resetMail).contains(AccountServer.PUBLIC_URL + "/reset-password?token=");
    String token = RecordingMailer.tokenIn(resetMail);

    var confirmed = api.post("/api/auth/password-reset/confirm",
        "{\"token\":\"" + token + "\",\"password\":\"a brand new passphrase\"}");
    assertThat(confirmed.status()).isEqualTo(204);

    assertThat(api.get("/api/me", registered.text("/accessToken")).status()).as("sessions ended").isEqualTo(401);
    assertThat(api.post("/api/auth/login", "{\"email\":\"bob@example.org\",\"password\":\"correct horse battery\"}")
        .status()).isEqualTo(401);
    assertThat(api.post("/api/auth/login", "{\"email\":\"bob@example.org\",\"password\":\"a brand new passphrase\"}")
        .status()).isEqualTo(200);
    var again = api.post("/api/auth/password-reset/confirm",
        "{\"token\":\"" + token + "\",\"password\":\"another new passphrase\"}");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.problem()).isEqualTo("invalid-token");
  }

  @Test
  void guest_upgradesToAnAccount_keepingItsUserId() throws Exception {
    var guest = api.post("/api/auth/guest", "{\"displayName\":\"Zoë\"}");
    assertThat(guest.status()).isEqualTo(201);
    assertThat(guest.text("/user/kind")).isEqualTo("guest");
    assertThat(guest.json().at("/user/email").isMissingNode()).isTrue();
    String userId = guest.text("/user/id");

    var upgraded = api.post("/api/auth/upgrade",
        "{\"email\":\"zoe@example.org\",\"password\":\"correct horse battery\"}", guest.text("/accessToken"));

    assertThat(upgraded.status()).isEqualTo(200);
    assertThat(upgraded.text("/user/id")).isEqualTo(userId);
    assertThat(upgraded.text("/user/kind")).isEqualTo("account");
    assertThat(upgraded.text("/user/displayName")).isEqualTo("Zoë");
    var me = api.get("/api/me", upgraded.text("/accessToken"));
    assertThat(me.text("/kind")).isEqualTo("account");
    assertThat(me.text("/email")).isEqualTo("zoe@example.org");
    assertThat(onlyMailTo("zoe@example.org")).contains("/verify?token=");
    var login = api.post("/api/auth/login", "{\"email\":\"zoe@example.org\",\"password\":\"correct horse battery\"}");
    assertThat(login.text("/user/id")).isEqualTo(userId);

    var twice = api.post("/api/auth/upgrade", "{\"email\":\"zoe2@example.org\",\"password\":\"correct horse battery\"}",
        upgraded.text("/accessToken"));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.problem()).isEqualTo("not-a-guest");
  }

  @Test
  void me_renames_andChangesThePassword() {
    var s = api.post("/api/auth/register",
        "{\"email\":\"cy@example.org\",\"password\":\"correct horse battery\",\"displayName\":\"Cy\"}");
    String token = s.text("/accessToken");

    var renamed = api.patch("/api/me", "{\"displayName\":\"Cyrus\"}", token);
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.text("/displayName")).isEqualTo("Cyrus");

    var wrong = api.post("/api/me/password", "{\"currentPassword\":\"nope nope nope\",\"newPassword\":\"a brand new passphrase\"}",
        token);
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.problem()).isEqualTo("wrong-password");
    var changed = api.post("/api/me/password",
        "{\"currentPassword\":\"correct horse battery\",\"newPassword\":\"a brand new passphrase\"}", token);
    assertThat(changed.status()).isEqualTo(204);
    assertThat(api.post("/api/auth/login", "{\"email\":\"cy@example.org\",\"password\":\"a brand new passphrase\"}")
        .status()).isEqualTo(200);
  }

  @Test
  void resendVerification_mailsAnotherLink() {
    var s = api.post("/api/auth/register",
        "{\"email\":\"dee@example.org\",\"password\":\"correct horse battery\",\"displayName\":\"Dee\"}");

    var resent = api.post("/api/auth/verify-email/resend", "", s.text("/accessToken"));

    assertThat(resent.status()).isEqualTo(202);
    assertThat(MAIL.getReceivedMessagesForDomain("dee@example.org")).hasSize(2);
  }

  private static String onlyMailTo(String address) {
    MimeMessage[] mails = MAIL.getReceivedMessagesForDomain(address);
    assertThat(mails).hasSize(1);
    return text(mails[0]);
  }

  /** The decoded text (GreenMail's raw body would still be quoted-printable). */
  private static String text(MimeMessage m) {
    try {
      return (String) m.getContent();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
