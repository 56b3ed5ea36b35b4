package dev.cowatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Verifies {@code model/peers.pml} with SPIN (docs/protocol-model.md, "Peers without the server"): the
 * peer-authority fallback and the hand-back keep agreement on the server and among the peers, never
 * echo, grow the room's versions one at a time and have one acting authority at a time; the mutant
 * with two acting authorities is caught. With a lying peer (issue 51, docs/protocol.md 3.13) no client
 * plays a timeline the liar signed and the properties above still hold; the mutant that trusts any
 * newer peer timeline, as clients did before the credentials, is caught.
 */
class PeersModelTest {
  private static final Spin SPIN = new Spin(Spin.fromBuild().model().resolveSibling("peers.pml"),
      Path.of(System.getProperty("cowatch.model.work", "target/spin")).resolve("peers"), "-O1");

  @Test
  void model_statesEveryProperty() throws IOException {
    assertThat(Files.readString(SPIN.model(), StandardCharsets.UTF_8)).contains("assert(p1_no_echo)",
        "assert(p2_versions_grow)", "assert(p3_agreement)", "assert(p7_peer_agreement)", "assert(p8_one_authority)", "assert(p9_no_forged_timeline)");
  }

  /**
   * "1-2": one press, two clients lose the server (a partition of two: an intent to the acting
   * authority, its broadcast, timelines answered with newer ones, hand-back). "2-1": two presses, one
   * client loses the server (the room moves on the server meanwhile: the hand-back is refused and the
   * server's timeline wins).
   */
  @ParameterizedTest(name = "gestures-drops {0}")
  @ValueSource(strings = {"1-2", "2-1"})
  void realModel_safetySearch_findsNoEchoNoShrinkingVersionNoDisagreementAndOneAuthority(String budget)
      throws Exception {
    String[] b = budget.split("-");
    Spin.Run run = SPIN.safety("peers-" + budget, List.of("-DGESTURES=" + b[0], "-DDROPS=" + b[1]));
    ProtocolModelTest.record(run);

    assertThat(run.report().violations()).as(run.report().output()).isEmpty();
    assertThat(run.report().errors()).as(run.report().output()).isZero();
    assertThat(run.report().incompleteness()).as("search must be complete:\n" + run.report().output()).isEmpty();
    assertThat(run.report().statesStored()).isPositive();
  }

  @Test
  void mutantTwoAuthorities_everyLostClientActingForItself_violatesOneAuthority() throws Exception {
    Spin.Run run = SPIN.safety("peers-mutant-two-authorities",
        List.of("-DGESTURES=1", "-DDROPS=2", "-DMUTANT_TWO_AUTHORITIES"));
    ProtocolModelTest.record(run);

    assertThat(run.report().violations()).containsExactly("assertion violated p8_one_authority");
    assertThat(run.trail()).contains("assert(p8_one_authority)");
  }


  /**
   * The lying peer writes one frame, at any moment, to any client playing on its peers. "0-2": two clients
   * lose the server (the forged frame meets a partition that tells its timelines to each other); "1-1": one
   * client loses it and decides a press itself. Bigger budgets with the liar take gigabytes.
   */
  @ParameterizedTest(name = "gestures-drops {0}, one lie")
  @ValueSource(strings = {"0-2", "1-1"})
  void realModel_withALyingPeer_playsNothingItSigned_andKeepsEveryOtherProperty(String budget) throws Exception {
    String[] b = budget.split("-");
    Spin.Run run = SPIN.safety("peers-liar-" + budget, List.of("-DGESTURES=" + b[0], "-DDROPS=" + b[1], "-DLIES=1"));
    ProtocolModelTest.record(run);

    assertThat(run.report().violations()).as(run.report().output()).isEmpty();
    assertThat(run.report().errors()).as(run.report().output()).isZero();
    assertThat(run.report().incompleteness()).as("search must be complete:\n" + run.report().output()).isEmpty();
    assertThat(run.report().statesStored()).isPositive();
  }

  @Test
  void mutantTrustAnyPeer_playingAnyNewerPeerTimeline_violatesNoForgedTimeline() throws Exception {
    Spin.Run run = SPIN.safety("peers-mutant-trust-any-peer",
        List.of("-DGESTURES=0", "-DDROPS=2", "-DLIES=1", "-DMUTANT_TRUST_ANY_PEER"));
    ProtocolModelTest.record(run);

    assertThat(run.report().violations()).containsExactly("assertion violated p9_no_forged_timeline");
    assertThat(run.trail()).contains("assert(p9_no_forged_timeline)");
  }
}
