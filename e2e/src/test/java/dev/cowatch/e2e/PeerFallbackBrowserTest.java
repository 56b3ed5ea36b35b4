package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A room keeps playing in sync between its members while the server is out of reach, and returns to
 * it without a jump (issue 24): three Chromium pages in a network namespace, the server's address
 * blackholed for the namespace during playback (see {@link HybridScenario}). The peers' part lasts
 * {@code cowatch.hybrid.peersMs} (12 s here to keep the suite short, still past the dead-connection time and
 * the grace; {@code bench/run hybrid} takes the
 * issue's 60 s).
 *
 * <p>In {@code bench/run browser-long}, not the test command ({@link LongScenario}): JavaPeerBrowserTest runs the same
 * fallback in the command, two pages and the Java client on their peers while the server's address is silent.
 */
@LongScenario
@RunsAlone
class PeerFallbackBrowserTest {
  private static final long PEERS_MS = Long.getLong("cowatch.hybrid.peersMs", 12_000);
  private static final long RECONNECT_GRACE_MS = 2_000;
  private static final long HEARTBEAT_MS = 2_000;
  private static final long DEAD_CONNECTION_MS = 6_000;

  @Test
  void serverOutOfReach_pagesStayInSyncOnTheirPeers_followEachOther_andHandTheRoomBackWithoutAJump() throws Exception {
    // A silent connection dropped and its member forgotten well within the time on the peers: the members come
    // back under new ids, as after any outage longer than the dead-connection time and the reconnect grace
    // (30 s each by default). The hand-back must still come from the right member: once, nobody found itself
    // in the authority order and the room jumped back to where it stood before the cut.
    try (NetNamespace ns = NetNamespace.create(); E2eStack stack = E2eStack.startInNamespace(ns, c -> c.tolerances(
        t -> t.withTimings(t.bufferWaitTimeoutMs(), RECONNECT_GRACE_MS, HEARTBEAT_MS, DEAD_CONNECTION_MS,
            t.clockPeriodMs())))) {
      HybridScenario.Result r = new HybridScenario(stack, ns, System.out).run(5_000, PEERS_MS);
      System.out.println(r.line());

      assertThat(r.spreadOnServer().count()).as("rounds on the server with every page playing").isGreaterThan(20);
      assertThat(r.spreadOnPeers().count()).as("rounds on the peers with every page playing").isGreaterThan((int) (PEERS_MS / 200));
      // The 40 ms; on a machine so busy that the pages are further apart than that on the server
      // itself (seen at load average 28 on 2 cores: server p95 49 ms), the peers must do as well as the
      // server did in the same run. bench/run hybrid measures the 40 ms over the 60 s.
      double bound = Math.max(40, r.spreadOnServer().p(95) + 10);
      assertThat(r.spreadOnPeers().p(95)).as("p95 of the widest distance between the pages on their peers, ms (server: %.1f)",
          r.spreadOnServer().p(95)).isLessThanOrEqualTo(bound);
      assertThat(r.newMemberIds()).as("the members came back under new ids (the server had forgotten them)").isTrue();
      assertThat(r.handedBack()).as("the server took the peers' timeline (its version moved on)").isTrue();
      assertThat(r.handbackJumpMs()).as("largest jump of a page's video when the room returned to the server, ms")
          .isLessThanOrEqualTo(50);
      assertThat(r.chatInHistory()).as("the line written without the server is in the room's history").isTrue();
    }
  }
}
