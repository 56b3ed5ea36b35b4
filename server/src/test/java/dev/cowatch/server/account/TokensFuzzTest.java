package dev.cowatch.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowatch.core.FuzzRuns;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.room.access.InviteTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Access tokens (JWT) and invite tokens against anything an attacker can send: any text, and a valid
 * token with any bytes changed. Nothing but the refusal (empty) comes out, never an exception, and a
 * token that still verifies after a change says exactly what the signed one said: nobody can make a
 * token say something else without the key.
 */
class TokensFuzzTest {
  private static final byte[] KEY = "k".repeat(32).getBytes(StandardCharsets.US_ASCII);
  private static final long NOW = 1_767_225_600_123L;
  private static final AccessTokens ACCESS = new AccessTokens(KEY, Duration.ofMinutes(15), Ids.seeded(1));
  private static final InviteTokens INVITES = new InviteTokens(KEY);
  private static final User ANN = new User(new UserId("u-ann00001"), Identity.Kind.ACCOUNT, "ann@example.org", "Ann",
      "$argon2id$x", true, 7, 0);
  private static final AccessTokens.Signed SIGNED = ACCESS.issue(ANN, "family-1", NOW);
  private static final String INVITE = INVITES.sign("inv-abcdefghijklmnop");

  @FuzzTest(maxDuration = "15s")
  void anyText_orAChangedToken_isRefused_orSaysExactlyWhatWasSigned(FuzzedDataProvider data) {
    FuzzRuns.count(getClass());
    int mode = data.consumeInt(0, 2);
    String access;
    String invite;
    if (mode == 0) {
      access = data.consumeString(2_000);
      invite = data.consumeRemainingAsString();
    } else {
      access = changed(SIGNED.token(), data);
      invite = changed(INVITE, data);
    }
    Optional<AccessClaims> claims = ACCESS.verify(access, NOW);
    if (mode == 0) assertThat(claims).as("made-up text is not a token").isEmpty();
    claims.ifPresent(c -> assertThat(c).isEqualTo(SIGNED.claims()));
    Optional<String> inviteId = INVITES.verify(invite);
    if (mode == 0) assertThat(inviteId).as("made-up text is not an invite").isEmpty();
    inviteId.ifPresent(id -> assertThat(id).isEqualTo("inv-abcdefghijklmnop"));
  }

  /** The token with one to a few characters replaced, inserted or removed where the fuzzer says. */
  private static String changed(String token, FuzzedDataProvider data) {
    StringBuilder b = new StringBuilder(token);
    int edits = data.consumeInt(1, 4);
    for (int i = 0; i < edits && b.length() > 0; i++) {
      int at = data.consumeInt(0, b.length() - 1);
      char c = data.consumeChar();
      switch (data.consumeInt(0, 2)) {
        case 0 -> b.setCharAt(at, c);
        case 1 -> b.insert(at, c);
        default -> b.deleteCharAt(at);
      }
    }
    return b.toString();
  }
}
