package dev.cowatch.server.account;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.platform.Ids;
import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;

/**
 * Signs and checks access tokens: HS256 JWTs with {@code sub} (user id), {@code kind}, {@code name},
 * {@code sv} (session version), {@code sid} (session: the refresh-token family), {@code iat}, {@code exp},
 * {@code jti}. Pure: the time is passed in.
 * Checking the session version and whether the session has ended against the database is the {@link TokenAuthenticator}'s job.
 */
public final class AccessTokens {
  /** Nodes' clocks are NTP-disciplined; a token "issued" further in the future than this is forged or broken. */
  private static final long MAX_CLOCK_SKEW_MS = 60_000;
  private static final JWSHeader HEADER = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final Duration ttl;
  private final Ids ids;

  public AccessTokens(byte[] key, Duration ttl, Ids ids) {
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the access-token key must be at least 256 bits", e);
    }
    if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("access-token lifetime must be positive");
    this.ttl = ttl;
    this.ids = ids;
  }

  /**
   * A signed token for the user as it is now, in session {@code sessionId} (the refresh-token family);
   * its {@link AccessClaims#expiresAt()} says until when.
   */
  public Signed issue(User user, String sessionId, long now) {
    if (sessionId == null || sessionId.isBlank()) throw new IllegalArgumentException("an access token needs a session");
    long issuedAt = now / 1000 * 1000;
    long expiresAt = (now + ttl.toMillis()) / 1000 * 1000;
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject(user.id().value())
        .claim("kind", user.kind().name().toLowerCase(Locale.ROOT))
        .claim("name", user.displayName())
        .claim("sv", user.sessionVersion())
        .claim("sid", sessionId)
        .issueTime(new Date(issuedAt))
        .expirationTime(new Date(expiresAt))
        .jwtID(ids.tokenId())
        .build();
    SignedJWT jwt = new SignedJWT(HEADER, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an access token", e);
    }
    return new Signed(jwt.serialize(), new AccessClaims(user.id(), user.kind(), user.displayName(),
        user.sessionVersion(), sessionId, issuedAt, expiresAt, claims.getJWTID()));
  }

  /** The claims of a token signed with our key, HS256, and unexpired at {@code now}; empty otherwise. */
  public Optional<AccessClaims> verify(String token, long now) {
    if (token == null || token.isBlank()) return Optional.empty();
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      // Only our algorithm: refuses "none" and algorithm-confusion tricks before any key is used.
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) return Optional.empty();
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      Date exp = c.getExpirationTime();
      Date iat = c.getIssueTime();
      Long sv = c.getLongClaim("sv");
      String sub = c.getSubject();
      String kind = c.getStringClaim("kind");
      // No session id, no way to tell whether it was signed out: refused (fails closed).
      String sid = c.getStringClaim("sid");
      if (exp == null || iat == null || sv == null || sub == null || kind == null || sid == null || sid.isBlank()
          || !UserId.isValid(sub)) {
        return Optional.empty();
      }
      if (now >= exp.getTime() || iat.getTime() > now + MAX_CLOCK_SKEW_MS) return Optional.empty();
      Identity.Kind k = Identity.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
      return Optional.of(new AccessClaims(new UserId(sub), k, c.getStringClaim("name"), sv, sid, iat.getTime(),
          exp.getTime(),
          c.getJWTID()));
    } catch (ParseException | JOSEException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A token and what it says. */
  public record Signed(String token, AccessClaims claims) {}
}
