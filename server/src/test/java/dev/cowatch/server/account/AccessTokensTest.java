package dev.cowatch.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.platform.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** Access tokens: what they say, until when, and that nothing else passes for one. */
class AccessTokensTest {
  private static final byte[] KEY = "k".repeat(32).getBytes(StandardCharsets.US_ASCII);
  private static final long NOW = 1_767_225_600_123L;
  private final AccessTokens tokens = new AccessTokens(KEY, Duration.ofMinutes(15), Ids.seeded(1));
  private final User ann = new User(new UserId("u-ann00001"), Identity.Kind.ACCOUNT, "ann@example.org", "Ann",
      "$argon2id$x", true, 7, 0);

  @Test
  void issued_tokenVerifiesWithAllItsClaims() {
    AccessTokens.Signed signed = tokens.issue(ann, "family-1", NOW);

    AccessClaims claims = tokens.verify(signed.token(), NOW).orElseThrow();

    assertThat(claims).isEqualTo(signed.claims());
    assertThat(claims.userId()).isEqualTo(ann.id());
    assertThat(claims.kind()).isEqualTo(Identity.Kind.ACCOUNT);
    assertThat(claims.displayName()).isEqualTo("Ann");
    assertThat(claims.sessionVersion()).isEqualTo(7);
    assertThat(claims.sessionId()).isEqualTo("family-1");
    assertThat(claims.issuedAt()).isEqualTo(1_767_225_600_000L);
    assertThat(claims.expiresAt()).isEqualTo(1_767_225_600_000L + 15 * 60_000);
    assertThat(claims.tokenId()).isNotBlank();
  }

  @Test
  void theJwtCarriesTheDocumentedClaims() throws Exception {
    JWTClaimsSet c = SignedJWT.parse(tokens.issue(ann, "family-1", NOW).token()).getJWTClaimsSet();
    assertThat(c.getClaims()).containsOnlyKeys("sub", "kind", "name", "sv", "sid", "iat", "exp", "jti");
    assertThat(c.getStringClaim("sid")).isEqualTo("family-1");
    assertThat(c.getStringClaim("kind")).isEqualTo("account");
  }

  @Test
  void eachTokenHasItsOwnId() {
    assertThat(tokens.issue(ann, "family-1", NOW).claims().tokenId())
        .isNotEqualTo(tokens.issue(ann, "family-1", NOW).claims().tokenId());
  }

  @Test
  void expired_atItsExpiryInstant() {
    AccessTokens.Signed signed = tokens.issue(ann, "family-1", NOW);
    long exp = signed.claims().expiresAt();
    assertThat(tokens.verify(signed.token(), exp - 1)).isPresent();
    assertThat(tokens.verify(signed.token(), exp)).isEmpty();
  }

  @Test
  void issuedFarInTheFuture_isRefused() {
    AccessTokens.Signed signed = tokens.issue(ann, "family-1", NOW + Duration.ofMinutes(5).toMillis());
    assertThat(tokens.verify(signed.token(), NOW)).isEmpty();
  }

  @Test
  void signedWithAnotherKey_isRefused() {
    AccessTokens other = new AccessTokens("x".repeat(32).getBytes(StandardCharsets.US_ASCII), Duration.ofMinutes(15),
        Ids.seeded(2));
    assertThat(tokens.verify(other.issue(ann, "family-1", NOW).token(), NOW)).isEmpty();
  }

  @Test
  void alteredClaims_areRefused() {
    String[] parts = tokens.issue(ann, "family-1", NOW).token().split("\\.");
    String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("{\"sub\":\"u-mallory1\",\"kind\":\"account\",\"name\":\"M\",\"sv\":7,\"iat\":" + NOW / 1000 + ",\"exp\":"
            + (NOW / 1000 + 900) + "}").getBytes(StandardCharsets.UTF_8));
    assertThat(tokens.verify(parts[0] + "." + forgedPayload + "." + parts[2], NOW)).isEmpty();
  }

  @Test
  void unsigned_algNone_isRefused() {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u-ann00001").claim("kind", "account").claim("sv", 7L)
        .issueTime(new Date(NOW)).expirationTime(new Date(NOW + 60_000)).build();
    assertThat(tokens.verify(new PlainJWT(new PlainHeader(), claims).serialize(), NOW)).isEmpty();
  }

  @Test
  void missingSessionId_isRefused_becauseItsSignOutCouldNotBeChecked() throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u-ann00001").claim("kind", "account").claim("sv", 7L)
        .issueTime(new Date(NOW)).expirationTime(new Date(NOW + 60_000)).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(KEY));
    assertThat(tokens.verify(jwt.serialize(), NOW)).isEmpty();
  }

  @Test
  void missingSessionVersion_isRefused() throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u-ann00001").claim("kind", "account")
        .issueTime(new Date(NOW)).expirationTime(new Date(NOW + 60_000)).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(KEY));
    assertThat(tokens.verify(jwt.serialize(), NOW)).isEmpty();
  }

  @Test
  void garbage_isRefused() {
    assertThat(tokens.verify("", NOW)).isEmpty();
    assertThat(tokens.verify(null, NOW)).isEmpty();
    assertThat(tokens.verify("not.a.jwt", NOW)).isEmpty();
    assertThat(tokens.verify("a".repeat(5000), NOW)).isEmpty();
  }
}
