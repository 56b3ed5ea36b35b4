package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The Java client in the room's peer mesh (issue 24, docs/protocol.md 3.12): two Chromium pages and a
 * Java client (its own process, libwebrtc through webrtc-java, a simulated player kept in step by
 * PlayerSync) in one network namespace, as a desktop player beside its friends' browsers. They mesh;
 * the server's address goes silent for the namespace during playback; the three stay in step on their
 * peers, a page's pause reaches the Java player, the Java player's seek reaches the pages, a page's play
 * starts everyone together, all decided by the Java client (a signed-in member among guests); the address comes back and the room returns to the server without the Java
 * player jumping.
 */
@RunsAlone
class JavaPeerBrowserTest {
  private static final long AWAIT_MS = 30_000;
  private static final long PEERS_MS = 6_000;

  @Test
  void javaClientMeshesWithPages_staysInStepWithoutTheServer_followsAndLeads_andReturnsWithoutAJump() throws Exception {
    try (NetNamespace ns = NetNamespace.create(); E2eStack stack = E2eStack.startInNamespace(ns, c -> c);
        RoomSession room = new RoomSession(stack, stack.createRoom())) {
      RoomPage ann = room.join("Ann");
      RoomPage ben = room.join("Ben");
      // Jay signs in (the pages are guests): a member outranks guests, so the Java client is the acting
      // authority without the server, deciding the pages' intents (PeerSyncJavaClientsTest has Java followers).
      String jaysAccount = stack.accountToken("Jay", "jay@example.com");
      try (JavaPeerProcess jay = JavaPeerProcess.start(ns, stack.baseUri().toString(), room.roomId(), "Jay", 7, jaysAccount,
          System.out)) {
        List<RoomPage> pages = room.pages();
        jay.await("meshed with both pages", s -> s.open() == 2 && s.connected(), AWAIT_MS);
        awaitPages(pages, "() => window.__cowatch.peers.mesh.open.length === 2");
        room.playFrom(ann);
        awaitInStep(pages, jay, "playing in step on the server");
        Percentiles onServer = new Percentiles(spreads(pages, jay, 3_000));
        System.out.printf("on the server: Java client against the pages %s%n", onServer);

        long base = stack.timeline(room.roomId()).version();
        ns.blockHost();
        boolean blocked = true;
        try {
          jay.await("playing on its peers", JavaPeerProcess.State::onPeers, AWAIT_MS);
          awaitPages(pages, "() => window.__cowatch.peers.onPeers");
          JavaPeerProcess.State jays = jay.await("its partition complete", s -> s.member().equals(s.authority()), AWAIT_MS);
          awaitPages(pages, "() => window.__cowatch.peers.authority === '" + jays.member() + "'");
          Percentiles onPeers = new Percentiles(spreads(pages, jay, PEERS_MS));
          System.out.printf("on the peers: Java client against the pages %s%n", onPeers);
          assertThat(onPeers.p(95)).as("p95 of the Java player's distance from the pages on the peers, ms (server: %.1f)",
              onServer.p(95)).isLessThanOrEqualTo(Math.max(40, onServer.p(95) + 10));

          ben.clickPlayPause();
          JavaPeerProcess.State paused = jay.await("paused by Ben's pause", s -> !s.playing() && !s.seeking(), AWAIT_MS);
          awaitRound(room, "the pages paused", r -> r.samples().stream().allMatch(s -> s.paused() && !s.seeking()));
          assertThat(paused.positionMs()).as("the Java player paused where Ben did")
              .isCloseTo(ben.sample().positionMs(), org.assertj.core.data.Offset.offset(RoomSession.CONVERGED_MS));

          ann.screenshot(java.nio.file.Path.of("target", "java-peer-on-peers.png")); // what Ann sees: Jay leads the peers
          jay.command("seek 20000");
          awaitRound(room, "the pages at the Java player's seek", r -> r.samples().stream()
              .allMatch(s -> s.paused() && !s.seeking() && Math.abs(s.positionMs() - 20_000) <= RoomSession.CONVERGED_MS));

          ann.clickPlayPause();
          awaitInStep(pages, jay, "playing again after Ann's play");
          Percentiles afterPlay = new Percentiles(spreads(pages, jay, 3_000));
          System.out.printf("on the peers after Ann's play: %s%n", afterPlay);
          assertThat(afterPlay.p(95)).isLessThanOrEqualTo(Math.max(40, onServer.p(95) + 10));

          long back = System.currentTimeMillis();
          ns.unblockHost();
          blocked = false;
          jay.await("back on the server", s -> !s.onPeers() && s.connected(), AWAIT_MS);
          awaitPages(pages, "() => !window.__cowatch.peers.onPeers");
          room.idle(3_000);
          assertThat(stack.timeline(room.roomId()).version()).as("the server took the peers' timeline").isGreaterThan(base);
          double jump = largestJump(jay.since(back));
          System.out.printf("back on the server: the Java player's largest jump %.1f ms%n", jump);
          assertThat(jump).as("largest jump of the Java player when the room returned to the server, ms").isLessThanOrEqualTo(50);
          assertThat(new Percentiles(spreads(pages, jay, 2_000)).p(95)).as("in step on the server again")
              .isLessThanOrEqualTo(Math.max(40, onServer.p(95) + 10));
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "; Java viewer " + jay.trace(), e);
        } finally {
          if (blocked) ns.unblockHost();
        }
      }
    }
  }

  /** Every 100 ms for {@code ms}: the widest distance between the Java player and a page, while all play. */
  private static List<Double> spreads(List<RoomPage> pages, JavaPeerProcess jay, long ms) {
    List<Double> out = new ArrayList<>();
    long end = System.currentTimeMillis() + ms;
    while (System.currentTimeMillis() < end) {
      List<PageSample> samples = pages.stream().map(RoomPage::sample).toList();
      JavaPeerProcess.State s = jay.latest();
      if (s.playing() && samples.stream().allMatch(PageSample::playing)) {
        out.add(samples.stream().mapToDouble(p -> Math.abs(p.positionMs() - s.positionAt(p.wallMs()))).max().orElse(0));
      }
      pages.getFirst().idle(100);
    }
    return out;
  }

  /** Until the Java player and the pages have played within CONVERGED_MS of each other for a second. */
  private static void awaitInStep(List<RoomPage> pages, JavaPeerProcess jay, String what) {
    long until = System.currentTimeMillis() + AWAIT_MS;
    long inStepSince = Long.MAX_VALUE;
    while (System.currentTimeMillis() < until) {
      List<Double> spread = spreads(pages, jay, 1);
      boolean inStep = !spread.isEmpty() && spread.getFirst() <= RoomSession.CONVERGED_MS;
      inStepSince = inStep ? Math.min(inStepSince, System.currentTimeMillis()) : Long.MAX_VALUE;
      if (System.currentTimeMillis() - inStepSince >= 1_000) return;
    }
    throw new AssertionError("timed out waiting for " + what + "; Java viewer " + jay.latest());
  }

  /** How far the player moved beyond what playing at its rates explains, between consecutive state lines. */
  private static double largestJump(List<JavaPeerProcess.State> states) {
    double worst = 0;
    for (int i = 1; i < states.size(); i++) {
      JavaPeerProcess.State a = states.get(i - 1);
      JavaPeerProcess.State b = states.get(i);
      if (!a.playing() || !b.playing() || a.seeking() || b.seeking()) continue;
      double elapsed = b.wallMs() - a.wallMs();
      double least = a.positionMs() + elapsed * Math.min(a.rate(), b.rate());
      double most = a.positionMs() + elapsed * Math.max(a.rate(), b.rate());
      worst = Math.max(worst, b.positionMs() < least ? least - b.positionMs() : Math.max(0, b.positionMs() - most));
    }
    return worst;
  }

  private static void awaitPages(List<RoomPage> pages, String predicate) {
    for (RoomPage p : pages) p.page().waitForFunction(predicate, null, new Page.WaitForFunctionOptions().setTimeout(AWAIT_MS));
  }

  private static void awaitRound(RoomSession room, String what, Predicate<Round> test) {
    long until = System.currentTimeMillis() + AWAIT_MS;
    Round last = null;
    while (System.currentTimeMillis() < until) {
      List<PageSample> samples = room.pages().stream().map(RoomPage::sample).toList();
      last = new Round(null, samples);
      if (test.test(last)) return;
      room.idle(20);
    }
    throw new AssertionError("timed out waiting for " + what + "; last " + last);
  }
}
