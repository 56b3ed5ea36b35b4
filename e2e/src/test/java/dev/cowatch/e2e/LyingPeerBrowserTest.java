package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Peers that cannot lie (issue 51, docs/protocol.md 3.13) in Chromium: three pages in a network
 * namespace lose the server (its address blackholed) and play on their peers; one of them, Mallory's,
 * then writes frames of her own on her data channels: timelines one version ahead (unsigned with
 * another media, as it was sent before the credentials; signed but said to be Ann's; signed as her own
 * with another media; signed as "the server's" past its base) and chat lines (unsigned in Ann's id, signed
 * under a made-up name, signed in Ann's id). Ann's and Ben's pages play none of the timelines, show
 * Mallory's line under the name the server knows her by, and drop the others; Ben's pause still
 * reaches everyone.
 */
class LyingPeerBrowserTest {
  /** Runs in Mallory's page: her own mesh and credential, used to write what her app never would. */
  private static final String FORGE = """
      async (ann) => {
        const peers = window.__cowatch.peers;
        const mesh = peers.mesh;
        const me = window.__cowatch.client.memberId;
        const t = peers.mode.timeline;
        const base = peers.mode.base;
        const ahead = { ...t, version: t.version + 50 };
        const stolen = { ...ahead, mediaId: 'media:someone-elses' };
        const now = Date.now();
        const texts = [
          JSON.stringify({ t: 'timeline', timeline: stolen, base, by: '', cause: { memberId: '', intent: 'server' } }),
          await mesh.trust.sealFrame({ t: 'timeline', timeline: ahead, base, by: ann, cause: { memberId: ann, intent: 'seek' } }),
          await mesh.trust.sealFrame({ t: 'timeline', timeline: stolen, base, by: me, cause: { memberId: me, intent: 'seek' } }),
          await mesh.trust.sealFrame({ t: 'timeline', timeline: ahead, base, by: '', cause: { memberId: '', intent: 'server' } }),
          JSON.stringify({ t: 'chat', lineId: 'lforged0', memberId: ann, name: 'Ann', text: 'unsigned, as Ann', atMs: now }),
          await mesh.trust.sealFrame({ t: 'chat', lineId: 'lforged1', memberId: me, name: 'Ann (moderator)', text: 'trust me', atMs: now }),
          await mesh.trust.sealFrame({ t: 'chat', lineId: 'lforged2', memberId: ann, name: 'Ann', text: 'I am Ann', atMs: now }),
        ];
        for (const id of mesh.open) for (const text of texts) mesh.peers.get(id).channel.send(text);
        return { me, sent: texts.length * mesh.open.length };
      }""";

  /** Runs in an honest page: what it plays and how it shows Mallory's line. */
  private static final String READ = """
      () => {
        const line = [...document.querySelectorAll('#chat-lines li')].find((li) => li.textContent.includes('trust me'));
        return { mediaId: window.__cowatch.client.timeline.mediaId ?? '', version: window.__cowatch.client.timeline.version,
          chat: document.querySelector('#chat-lines').textContent, malName: line ? line.querySelector('strong').textContent : '',
          trace: window.__cowatch.peers.trace.join('\\n') };
      }""";

  @Test
  void forgedTimelinesAndChatNames_fromAPeer_areRefusedByTheHonestPages() throws Exception {
    try (NetNamespace ns = NetNamespace.create(); E2eStack stack = E2eStack.startInNamespace(ns, c -> c);
        RoomSession room = new RoomSession(stack, stack.createRoom())) {
      RoomPage ann = room.join("Ann");
      RoomPage ben = room.join("Ben");
      RoomPage mal = room.join("Mallory");
      for (RoomPage p : room.pages()) {
        p.page().waitForFunction("() => window.__cowatch.peers.mesh.open.length === 2", null,
            new Page.WaitForFunctionOptions().setTimeout(RoomSession.AWAIT_MS * 2));
      }
      room.playFrom(ann);
      ns.blockHost();
      try {
        for (RoomPage p : room.pages()) {
          p.page().waitForFunction("() => window.__cowatch.peers.onPeers && window.__cowatch.peers.authority !== undefined",
              null, new Page.WaitForFunctionOptions().setTimeout(RoomSession.AWAIT_MS));
        }
        List<RoomPage> honest = List.of(ann, ben);
        Map<?, ?> before = (Map<?, ?>) ann.page().evaluate(READ);
        String annId = (String) ann.page().evaluate("() => window.__cowatch.client.memberId");

        Map<?, ?> forged = (Map<?, ?>) mal.page().evaluate(FORGE, annId);
        assertThat(((Number) forged.get("sent")).intValue()).isEqualTo(14);
        String malId = (String) forged.get("me");
        for (RoomPage p : honest) {
          p.page().waitForFunction("() => document.querySelector('#chat-lines').textContent.includes('trust me')", null,
              new Page.WaitForFunctionOptions().setTimeout(RoomSession.AWAIT_MS));
        }
        room.idle(1_000); // the timelines went before the line: any taken would show by now

        for (RoomPage p : honest) {
          Map<?, ?> now = (Map<?, ?>) p.page().evaluate(READ);
          String trace = (String) now.get("trace");
          assertThat(now.get("mediaId")).as(p.name() + " plays the room's media").isEqualTo(before.get("mediaId"));
          assertThat(((Number) now.get("version")).longValue()).as(p.name() + " " + trace)
              .isEqualTo(((Number) before.get("version")).longValue());
          assertThat(now.get("malName")).as(p.name() + ": Mallory's line under her own name").isEqualTo("Mallory");
          assertThat((String) now.get("chat")).doesNotContain("Ann (moderator)", "I am Ann", "unsigned, as Ann");
          assertThat(trace).contains("dropped a frame from " + malId + ": not signed",
              "dropped a frame from " + malId + ": a timeline decided by another member",
              "refused the timeline of " + malId,
              "dropped a frame from " + malId + ": a chat line in another member's name");
        }

        // The honest mesh still decides: Ben's pause reaches every page, Mallory's too.
        ben.clickPlayPause();
        room.await("every page paused by Ben", r -> r.samples().stream().allMatch(s -> s.paused() && !s.seeking()), 100);
        ann.screenshot(java.nio.file.Path.of("target", "lying-peer-refused.png"));
      } finally {
        ns.unblockHost();
      }
    }
  }
}
