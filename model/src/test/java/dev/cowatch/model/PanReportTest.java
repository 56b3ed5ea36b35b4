package dev.cowatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PanReportTest {
  private static final String CLEAN = """
      (Spin Version 6.5.2 -- 6 December 2019)
      \t+ Partial Order Reduction

      Full statespace search for:
      \tnever claim         \t- (none specified)
      \tassertion violations\t+
      \tcycle checks       \t- (disabled by -DSAFETY)
      \tinvalid end states\t+

      State-vector 448 byte, depth reached 113, errors: 0
           6352 states, stored
           4106 states, matched
          10458 transitions (= stored+matched)
      hash conflicts:         0 (resolved)

        128.730\ttotal actual memory usage

      pan: elapsed time 0.23 seconds
      """;

  private static final String CYCLE = """
      pan:1: acceptance cycle (at depth 92)
      pan: wrote cowatch.pml.trail
      Warning: Search not completed
      \tnever claim         \t+ (p4_waiting_ends)
      \tinvalid end states\t- (disabled by never claim)
      State-vector 464 byte, depth reached 123, errors: 1
            169 states, stored (207 visited)
      """;

  @Test
  void parse_cleanSafetyRun_isVerifiedWithItsFigures() {
    PanReport r = PanReport.parse(CLEAN);

    assertThat(r.verified()).isTrue();
    assertThat(r.statesStored()).isEqualTo(6352);
    assertThat(r.transitions()).isEqualTo(10458);
    assertThat(r.depthReached()).isEqualTo(113);
    assertThat(r.memoryMb()).isEqualTo(128.73);
    assertThat(r.elapsedSeconds()).isEqualTo(0.23);
  }

  @Test
  void parse_acceptanceCycle_namesTheClaimAndIsIncomplete() {
    PanReport r = PanReport.parse(CYCLE);

    assertThat(r.errors()).isEqualTo(1);
    assertThat(r.violations()).containsExactly("acceptance cycle p4_waiting_ends");
    assertThat(r.incompleteness()).contains("search not completed");
    assertThat(r.verified()).isFalse();
  }

  @Test
  void parse_assertion_namesTheProperty() {
    PanReport r = PanReport.parse("pan:1: assertion violated p1_no_echo (at depth 111)\nerrors: 1\n");

    assertThat(r.violations()).containsExactly("assertion violated p1_no_echo");
  }

  @Test
  void parse_depthLimit_isIncomplete() {
    PanReport r = PanReport.parse("error: max search depth too small\nerrors: 0\n");

    assertThat(r.incompleteness()).containsExactly("max search depth too small");
    assertThat(r.verified()).isFalse();
  }
}
