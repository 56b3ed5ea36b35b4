package dev.cowatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies the sync protocol model with SPIN (docs/protocol-model.md): the real model satisfies
 * all five properties over complete searches of each bounded scenario, and each mutant of it
 * makes SPIN report the violation it should.
 */
class ProtocolModelTest {
  private static final Spin SPIN = Spin.fromBuild();

  /**
   * A bounded family of runs: how many gestures users make in total, how often a player stalls,
   * how many connections drop. Together they cover every mechanism; one search with all at once
   * is too large for CI (see the doc for the figures).
   */
  record Scenario(String name, int gestures, int stalls, int drops, boolean hostOnly) {
    List<String> defines(String... more) {
      Stream<String> base = Stream.of("-DGESTURES=" + gestures, "-DSTALLS=" + stalls, "-DDROPS=" + drops);
      Stream<String> mode = hostOnly ? Stream.of("-DHOST_ONLY") : Stream.empty();
      return Stream.of(base, mode, Stream.of(more)).flatMap(s -> s).toList();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final Scenario CONTROL = new Scenario("control", 3, 0, 0, false);
  static final Scenario BUFFERING = new Scenario("buffering", 2, 1, 0, false);
  static final Scenario RECONNECT = new Scenario("reconnect", 2, 0, 1, false);
  static final Scenario EVERYTHING = new Scenario("everything", 1, 1, 1, false);
  static final Scenario HOST_RECONNECT = new Scenario("host-only-reconnect", 2, 0, 1, true);
  static final Scenario HOST_EVERYTHING = new Scenario("host-only-everything", 1, 1, 1, true);
  /** Two drops: a client may also lose the connection it resumed on, even while its hello is half done. */
  static final Scenario TWO_DROPS = new Scenario("two-drops", 1, 0, 2, false);

  static Stream<Scenario> scenarios() {
    return Stream.of(CONTROL, BUFFERING, RECONNECT, EVERYTHING, HOST_RECONNECT, HOST_EVERYTHING);
  }

  /**
   * Scenarios in which the room can wait, so that property 4 is not vacuous. The control mode
   * does not enter any waiting rule, so the host-only variants add nothing here.
   */
  static Stream<Scenario> waitingScenarios() {
    return Stream.of(BUFFERING, EVERYTHING);
  }

  /**
   * Scenarios for p6_presence: reconnect is the one in which it found the resume racing the old
   * connection's close; two-drops adds a close of the new connection between {@code rooms.join}
   * and {@code memberId} being set.
   */
  static Stream<Scenario> presenceScenarios() {
    return Stream.of(RECONNECT, TWO_DROPS);
  }

  @Test
  void model_statesEveryProperty() throws IOException {
    String model = Files.readString(SPIN.model(), StandardCharsets.UTF_8);

    assertThat(model)
        .contains("assert(p1_no_echo)", "assert(p2_versions_grow)", "assert(p3_agreement)",
            "assert(p5_paused_stays_paused)", "ltl p4_waiting_ends", "assert(p6_presence)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void realModel_safetySearch_findsNoEchoNoShrinkingVersionDisagreementUnpausingOrDeadlock(Scenario s)
      throws Exception {
    Spin.Run run = SPIN.safety(s.name(), s.defines());
    record(run);

    assertThat(run.report().violations()).as(run.report().output()).isEmpty();
    assertThat(run.report().errors()).as(run.report().output()).isZero();
    assertThat(run.report().incompleteness()).as("search must be complete:\n" + run.report().output()).isEmpty();
    assertThat(run.report().statesStored()).isPositive();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("waitingScenarios")
  void realModel_waitingAlwaysEnds(Scenario s) throws Exception {
    Spin.Run run = SPIN.ltl(s.name(), s.defines(), "p4_waiting_ends");
    record(run);

    assertThat(run.report().violations()).as(run.report().output()).isEmpty();
    assertThat(run.report().errors()).as(run.report().output()).isZero();
    assertThat(run.report().incompleteness()).as("search must be complete:\n" + run.report().output()).isEmpty();
  }

  @Test
  void mutantEcho_clientReEmittingWhatItApplied_violatesNoEcho() throws Exception {
    Spin.Run run = SPIN.safety("mutant-echo", CONTROL.defines("-DMUTANT_ECHO"));
    record(run);

    assertThat(run.report().violations()).containsExactly("assertion violated p1_no_echo");
    assertThat(run.trail()).contains("assert(p1_no_echo)");
  }

  @Test
  void mutantNoVersionCheck_staleIntentUndoingAPause_violatesPausedStaysPaused() throws Exception {
    Spin.Run run = SPIN.safety("mutant-no-version-check", CONTROL.defines("-DMUTANT_NO_VERSION_CHECK"));
    record(run);

    assertThat(run.report().violations()).containsExactly("assertion violated p5_paused_stays_paused");
    assertThat(run.trail()).contains("assert(p5_paused_stays_paused)");
  }

  @Test
  void mutantNoTimeout_memberThatNeverSaysReady_violatesWaitingEnds() throws Exception {
    Spin.Run run = SPIN.ltl("mutant-no-timeout", BUFFERING.defines("-DMUTANT_NO_TIMEOUT"), "p4_waiting_ends");
    record(run);

    assertThat(run.report().violations()).containsExactly("acceptance cycle p4_waiting_ends");
    assertThat(run.trail()).contains("p4_waiting_ends").contains("START OF CYCLE");
  }

  /**
   * Presence (p6): whenever all is quiet, the room's connected members are exactly the clients
   * with a live connection. It found a race in the server — a resume racing its old connection's
   * close left the live client disconnected — fixed by RoomService.join/disconnect deciding under
   * the room's lock which connection speaks for a member, and the connection releasing the member
   * it joined as (now Closing.release).
   * Together with every other safety property (the search is the same, with one more assertion).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("presenceScenarios")
  void realModel_presence_connectedMembersAreExactlyTheLiveClients(Scenario s) throws Exception {
    Spin.Run run = SPIN.safety("presence-" + s.name(), s.defines("-DCHECK_PRESENCE"));
    record(run);

    assertThat(run.report().violations()).as(run.report().output()).isEmpty();
    assertThat(run.report().errors()).as(run.report().output()).isZero();
    assertThat(run.report().incompleteness()).as("search must be complete:\n" + run.report().output()).isEmpty();
    assertThat(run.report().statesStored()).isPositive();
  }

  /** The figures go to the test output and to target/spin/figures.txt, for docs/protocol-model.md. */
  static void record(Spin.Run run) throws IOException {
    String line = run + System.lineSeparator();
    System.out.print("spin " + line);
    Path figures = Path.of(System.getProperty("cowatch.model.work", "target/spin")).resolve("figures.txt");
    synchronized (ProtocolModelTest.class) {
      Files.createDirectories(figures.getParent());
      Files.writeString(figures, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }
}
