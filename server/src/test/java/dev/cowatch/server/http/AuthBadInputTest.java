package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cowatch.server.account.User;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad request gets a clear 4xx problem+json with a stable type, and changes nothing. */
class AuthBadInputTest {
  private static final String PROBLEM = "application/problem+json";
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static AccountServer api;

  @BeforeAll
  static void start() {
    api = new AccountServer();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/api/auth/register | {\"email\":                   | 400 | malformed-body",
      "/api/auth/register | not json                      | 400 | malformed-body",
      "/api/auth/login    | []                            | 400 | malformed-body",
      "/api/auth/login    | null                          | 400 | malformed-body",
      "/api/auth/login    | ''                            | 400 | malformed-body",
      "/api/auth/login    | {\"email\":42,\"password\":\"x\"} | 400 | malformed-body",
      "/api/auth/login    | {\"email\":\"a@b.cd\",\"password\":\"x\",\"admin\":true} | 400 | unknown-field",
      "/api/auth/login    | {\"email\":\"a@b.cd\"}         | 422 | validation-failed",
      "/api/auth/refresh  | {}                            | 422 | validation-failed",
      "/api/auth/guest    | {}                            | 422 | validation-failed",
      "/api/auth/verify-email | {}                        | 422 | validation-failed",
      "/api/auth/verify-email | {\"token\":\"forged\"}    | 400 | invalid-token",
      "/api/auth/password-reset/confirm | {\"token\":\"forged\",\"password\":\"correct horse battery\"} | 400 | invalid-token",
      "/api/auth/refresh  | {\"refreshToken\":\"forged\"} | 401 | invalid-refresh-token"})
  void badBodies_getAProblemWithAStableType(String path, String body, int status, String type) {
    var reply = api.post(path, body);

    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith(PROBLEM);
    assertThat(reply.problem()).isEqualTo(type);
    assertThat(reply.json().at("/status").asInt()).isEqualTo(status);
    assertThat(reply.text("/detail")).isNotBlank();
  }

  @Test
  void missingFields_areListedOneByOne() {
    var reply = api.post("/api/auth/register", "{}");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().at("/errors").findValuesAsText("field")).containsExactly("email", "password", "displayName");
    assertThat(reply.json().at("/errors/0/message").asText()).isEqualTo("required");
  }

  @Test
  void anInvalidEmailAndAWeakPassword_areExplained_andNothingIsCreated() {
    var reply = api.post("/api/auth/register", "{\"email\":\"ann@localhost\",\"password\":\"aaaaaaaaaaaa\",\"displayName\":\"Ann\"}");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.problem()).isEqualTo("validation-failed");
    assertThat(reply.text("/errors/0/field")).isEqualTo("email");
    assertThat(reply.text("/errors/1/field")).isEqualTo("password");
    assertThat(reply.text("/errors/1/message")).isEqualTo("more than one character repeated");
    assertThat(api.post("/api/auth/password-reset", "{\"email\":\"ann@localhost\"}").status()).isEqualTo(202);
    long users = api.server.database().jdbi().withHandle(h ->
        h.createQuery("SELECT COUNT(*) FROM users WHERE email_key = 'ann@localhost'").mapTo(Long.class).one());
    assertThat(users).isZero();
  }

  @Test
  void anOversizedBody_is413() {
    String big = "{\"displayName\":\"" + "x".repeat(17 * 1024) + "\"}";
    var reply = api.post("/api/auth/guest", big);

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.problem()).isEqualTo("body-too-large");
  }

  @Test
  void aTakenEmail_is409() {
    String email = fresh();
    assertThat(register(email).status()).isEqualTo(201);
    var again = register(email.toUpperCase(java.util.Locale.ROOT));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problem()).isEqualTo("email-taken");
  }

  @Test
  void withoutAToken_authenticatedRoutesAnswer401Unauthorized() {
    for (var reply : new AccountServer.Reply[] {api.get("/api/me", null), api.post("/api/auth/logout-all", ""),
        api.post("/api/auth/upgrade", "{}"), api.post("/api/auth/verify-email/resend", "")}) {
      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.problem()).isEqualTo("unauthorized");
      assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }
  }

  @Test
  void aForgedJwt_is401() throws Exception {
    var session = register(fresh());
    JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(session.text("/user/id")).claim("kind", "account")
        .claim("name", "Mallory").claim("sv", 0L).issueTime(new Date(api.clock.millis()))
        .expirationTime(new Date(api.clock.millis() + 600_000)).jwtID("x").build();
    SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    forged.sign(new MACSigner("an attacker's own key of 32 bytes!".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

    var reply = api.get("/api/me", forged.serialize());

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.problem()).isEqualTo("unauthorized");
    assertThat(reply.text("/detail")).contains("invalid, expired or revoked");
    assertThat(api.get("/api/me", "not-a-jwt").status()).isEqualTo(401);
  }

  @Test
  void anExpiredJwt_is401_andAFreshOneFromRefreshWorks() {
    var session = register(fresh());
    api.clock.advance(Duration.ofMinutes(15));

    assertThat(api.get("/api/me", session.text("/accessToken")).status()).isEqualTo(401);
    var refreshed = api.post("/api/auth/refresh", "{\"refreshToken\":\"" + session.text("/refreshToken") + "\"}");
    assertThat(api.get("/api/me", refreshed.text("/accessToken")).status()).isEqualTo(200);
  }

  @Test
  void aTokenIssuedForAUserThatWasNeverStored_is401() {
    User ghost = User.guest(new dev.cowatch.core.room.UserId("u-ghost00000"), "Ghost", api.clock.millis());
    String token = api.server.accounts().services().accessTokens().issue(ghost, "f-ghost", api.clock.millis()).token();
    assertThat(api.get("/api/me", token).status()).isEqualTo(401);
  }

  @Test
  void aReusedRefreshToken_is401_andEndsTheSessionItWasRotatedInto() {
    var session = register(fresh());
    String first = session.text("/refreshToken");
    var rotated = api.post("/api/auth/refresh", "{\"refreshToken\":\"" + first + "\"}");
    assertThat(rotated.status()).isEqualTo(200);

    var reused = api.post("/api/auth/refresh", "{\"refreshToken\":\"" + first + "\"}");
    assertThat(reused.status()).isEqualTo(401);
    assertThat(reused.problem()).isEqualTo("invalid-refresh-token");

    var victim = api.post("/api/auth/refresh", "{\"refreshToken\":\"" + rotated.text("/refreshToken") + "\"}");
    assertThat(victim.status()).isEqualTo(401);
  }

  @Test
  void logout_endsTheRefreshToken() {
    var session = register(fresh());
    String refresh = session.text("/refreshToken");

    assertThat(api.post("/api/auth/logout", "{\"refreshToken\":\"" + refresh + "\"}").status()).isEqualTo(204);
    assertThat(api.post("/api/auth/refresh", "{\"refreshToken\":\"" + refresh + "\"}").status()).isEqualTo(401);
  }

  @Test
  void repeatedWrongPasswords_get429WithRetryAfter() {
    String email = fresh();
    register(email);
    String wrong = "{\"email\":\"" + email + "\",\"password\":\"wrong wrong wrong\"}";
    for (int i = 0; i < 5; i++) {
      var reply = api.post("/api/auth/login", wrong);
      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.problem()).isEqualTo("invalid-credentials");
    }

    var blocked = api.post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");

    assertThat(blocked.status()).isEqualTo(429);
    assertThat(blocked.problem()).isEqualTo("too-many-attempts");
    assertThat(blocked.headers().firstValue("Retry-After")).hasValue("900");
    OpenApiContract.assertDeclares(api.baseUri(), "POST", "/api/auth/login", 429, "too-many-attempts");
    api.clock.advance(Duration.ofMinutes(15));
    assertThat(api.post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}")
        .status()).isEqualTo(200);
  }

  private static String fresh() {
    return "user" + SEQ.incrementAndGet() + "@example.org";
  }

  private static AccountServer.Reply register(String email) {
    return api.post("/api/auth/register",
        "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"displayName\":\"Someone\"}");
  }
}
