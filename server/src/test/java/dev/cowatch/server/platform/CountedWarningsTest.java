package dev.cowatch.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountedWarningsTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void theFirstIsALine_thenOneLineAtMostEveryTenSeconds_carryingTheCountSoFar() {
    CountedWarnings w = new CountedWarnings();
    long t0 = 1_000 * SECOND;

    assertThat(w.count(t0)).isEqualTo(1);
    assertThat(w.count(t0 + SECOND)).isZero();
    assertThat(w.count(t0 + 9 * SECOND)).isZero();
    assertThat(w.count(t0 + 11 * SECOND)).as("due again, with every one counted meanwhile").isEqualTo(4);
    assertThat(w.count(t0 + 12 * SECOND)).isZero();
  }
}
