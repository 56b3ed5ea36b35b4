package dev.cowatch.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.password4j.Argon2Function;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(Argon2Params.FAST_FOR_TESTS);

  @Test
  void hash_isArgon2idWithTheConfiguredCost_andASaltOfItsOwn() {
    String a = hasher.hash("correct horse battery");
    String b = hasher.hash("correct horse battery");
    assertThat(a).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void matches_theRightPasswordOnly() {
    String hash = hasher.hash("correct horse battery");
    assertThat(hasher.matches("correct horse battery", hash)).isTrue();
    assertThat(hasher.matches("correct horse batterY", hash)).isFalse();
    assertThat(hasher.matches("", hash)).isFalse();
  }

  @Test
  void aHashMadeWithOtherParameters_stillMatches() {
    String old = new PasswordHasher(new Argon2Params(2_048, 2, 1)).hash("correct horse battery");
    assertThat(hasher.matches("correct horse battery", old)).isTrue();
  }

  @Test
  void malformedHashes_neverMatch() {
    assertThat(hasher.matches("x", null)).isFalse();
    assertThat(hasher.matches("x", "plain")).isFalse();
    assertThat(hasher.matches("x", "$argon2id$garbage")).isFalse();
    assertThat(hasher.matchesNothing("anything")).isFalse();
  }

  @Test
  void theDecoy_isAHashWithTheConfiguredCost_ofTheSameShapeAsARealOne_thatNoPasswordMatches() {
    Argon2Params params = new Argon2Params(2_048, 3, 1);
    String decoy = PasswordHasher.decoy(params);
    String real = new PasswordHasher(params).hash("correct horse battery");
    assertThat(decoy).startsWith("$argon2id$v=19$m=2048,t=3,p=1$").hasSameSizeAs(real);
    // Parsed as a real hash is: so checking it runs Argon2 with that cost, and answers false.
    Argon2Function parsed = Argon2Function.getInstanceFromHash(decoy);
    assertThat(parsed.getMemory()).isEqualTo(2_048);
    assertThat(parsed.getIterations()).isEqualTo(3);
    assertThat(parsed.getParallelism()).isEqualTo(1);
    assertThat(new PasswordHasher(params).matches("", decoy)).isFalse();
    assertThat(new PasswordHasher(params).matches("decoy password for unknown accounts", decoy)).isFalse();
  }
}
