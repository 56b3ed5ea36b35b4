package dev.cowatch.server.account;

import static org.assertj.core.api.Assertions.assertThat;

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
}
