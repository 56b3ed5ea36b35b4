package dev.cowatch.bench;

import com.microsoft.playwright.Page;
import dev.cowatch.e2e.E2eStack;
import dev.cowatch.e2e.RoomPage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * How fast Chromium alone moves bytes between two of its pages over WebRTC data channels on this machine:
 * the same network namespace and browser as {@link P2pBench}, but no Cowatch in the way (no hashing, no
 * storage, no player, the bytes made once and sent again and again). The ceiling any design built on
 * data channels can reach here, printed beside Cowatch's own transfer in the same run, for a few shapes:
 * the message size, several channels of one connection, several connections.
 */
final class DataChannelCeiling {
  /** One shape of the transfer. */
  record Shape(int messageBytes, int connections, int channelsEach) {
    String describe() {
      return String.format("%d KiB messages, %d connection(s) × %d channel(s)", messageBytes / 1024, connections,
          channelsEach);
    }
  }

  static final List<Shape> SHAPES = List.of(new Shape(64 * 1024, 1, 1), new Shape(256 * 1024, 1, 1),
      new Shape(64 * 1024, 1, 4), new Shape(64 * 1024, 2, 1));

  /** Resolves once a connection has gathered its candidates: offers and answers are sent whole, without trickling. */
  private static final String GATHERED = """
      const gathered = (pc) => new Promise((r) => {
        if (pc.iceGatheringState === 'complete') r();
        pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') r(); });
      });
      """;

  private static final String OFFER = """
      async (shape) => {
        ${GATHERED}
        window.__ceiling = { pcs: [], channels: [] };
        const offers = [];
        for (let i = 0; i < shape.connections; i++) {
          const pc = new RTCPeerConnection({ iceServers: [] });
          window.__ceiling.pcs.push(pc);
          for (let k = 0; k < shape.channelsEach; k++) window.__ceiling.channels.push(pc.createDataChannel('c' + k));
          await pc.setLocalDescription(await pc.createOffer());
          await gathered(pc);
          offers.push(JSON.stringify(pc.localDescription));
        }
        return offers;
      }""";

  private static final String ANSWER = """
      async ([offers, total]) => {
        ${GATHERED}
        window.__ceiling = { pcs: [], received: 0, doneAt: 0 };
        const answers = [];
        for (const offer of offers) {
          const pc = new RTCPeerConnection({ iceServers: [] });
          window.__ceiling.pcs.push(pc);
          pc.ondatachannel = (e) => {
            e.channel.binaryType = 'arraybuffer';
            e.channel.onmessage = (m) => {
              const c = window.__ceiling;
              c.received += m.data.byteLength;
              if (c.received >= total && !c.doneAt) c.doneAt = Date.now();
            };
          };
          await pc.setRemoteDescription(JSON.parse(offer));
          await pc.setLocalDescription(await pc.createAnswer());
          await gathered(pc);
          answers.push(JSON.stringify(pc.localDescription));
        }
        return answers;
      }""";

  /** Starts sending once every channel is open; returns the instant it started (the page's clock is the host's). */
  private static final String SEND = """
      async ([answers, total, messageBytes]) => {
        const c = window.__ceiling;
        for (let i = 0; i < answers.length; i++) await c.pcs[i].setRemoteDescription(JSON.parse(answers[i]));
        await Promise.all(c.channels.map((ch) => ch.readyState === 'open' ? null
            : new Promise((r) => ch.addEventListener('open', r))));
        const message = new Uint8Array(messageBytes);
        for (let o = 0; o < messageBytes; o += 65536) crypto.getRandomValues(message.subarray(o, o + 65536));
        const each = Math.ceil(total / messageBytes / c.channels.length);
        const startedAt = Date.now();
        for (const ch of c.channels) {
          let left = each;
          ch.bufferedAmountLowThreshold = 1 << 20;
          const pump = () => { while (left > 0 && ch.bufferedAmount < 4 << 20) { ch.send(message); left--; } };
          ch.onbufferedamountlow = pump;
          pump();
        }
        return startedAt;
      }""";

  private DataChannelCeiling() {}

  /**
   * Plays a film from the page's own disk, muted and looping, the way a sharer plays it: the CPU two pages playing take
   * from the transfer, without Cowatch.
   */
  private static final String PLAY_FILM = """
      async () => {
        const input = document.getElementById('ceiling-film');
        const v = document.createElement('video');
        v.muted = true;
        v.loop = true;
        v.style.width = '640px';
        v.src = URL.createObjectURL(input.files[0]);
        document.body.prepend(v);
        await v.play();
        const until = Date.now() + 10_000;
        await new Promise((r, no) => {
          const check = () => v.currentTime > 0.2 ? r() : Date.now() > until
            ? no(new Error('the film did not play within 10 s: ' + (v.error?.message ?? 'no error'))) : setTimeout(check, 20);
          check();
        });
      }""";

  /**
   * Runs every shape once; each prints its speed and the CPU it cost. The fastest shape's speed: the ceiling.
   *
   * @param film played by both pages while they transfer (null: nothing plays)
   */
  static double measureAll(E2eStack stack, long totalBytes, Path film, PrintStream out) {
    double best = 0;
    for (Shape shape : SHAPES) best = Math.max(best, measure(stack, shape, totalBytes, film, out));
    return best;
  }

  /**
   * One shape's speed, printed with the CPU Chromium used for it (its pages still open, so they are counted).
   *
   * @param film played by both pages while they transfer (null: nothing plays)
   */
  static double measure(E2eStack stack, Shape shape, long totalBytes, Path film, PrintStream out) {
    ChromiumCpu cpu = ChromiumCpu.start();
    try (RoomPage sender = stack.chromium().newViewer("ceiling-sender");
        RoomPage receiver = stack.chromium().newViewer("ceiling-receiver")) {
      Page s = sender.page();
      Page r = receiver.page();
      s.navigate(stack.baseUri().resolve("/").toString());
      r.navigate(stack.baseUri().resolve("/").toString());
      if (film != null) {
        for (Page p : List.of(s, r)) {
          p.evaluate("() => { const i = document.createElement('input'); i.type = 'file'; i.id = 'ceiling-film';"
              + " i.hidden = true; document.body.append(i); }");
          p.locator("#ceiling-film").setInputFiles(film);
          p.evaluate(PLAY_FILM);
        }
      }
      var shapeArg = java.util.Map.of("connections", shape.connections(), "channelsEach", shape.channelsEach());
      Object offers = s.evaluate(OFFER.replace("${GATHERED}", GATHERED), shapeArg);
      long messages = (totalBytes + shape.messageBytes() - 1) / shape.messageBytes();
      long sentBytes = ((messages + shape.connections() * shape.channelsEach() - 1)
          / (shape.connections() * shape.channelsEach())) * shape.connections() * shape.channelsEach()
          * shape.messageBytes();
      Object answers = r.evaluate(ANSWER.replace("${GATHERED}", GATHERED), List.of(offers, (double) sentBytes));
      long startedAt = ((Number) s.evaluate(SEND, List.of(answers, (double) totalBytes, shape.messageBytes()))).longValue();
      long deadline = System.currentTimeMillis() + 120_000;
      while (System.currentTimeMillis() < deadline) {
        long doneAt = ((Number) r.evaluate("() => window.__ceiling.doneAt")).longValue();
        if (doneAt > 0) {
          double mib = sentBytes / (1024.0 * 1024.0) / ((doneAt - startedAt) / 1000.0);
          out.printf("chromium data channels alone (%s%s): %.1f MiB/s%n", shape.describe(),
              film == null ? "" : ", both pages playing the film", mib);
          cpu.stopAndPrint(out);
          return mib;
        }
        r.waitForTimeout(20);
      }
      throw new IllegalStateException("the data channels moved "
          + r.evaluate("() => window.__ceiling.received") + " of " + sentBytes + " bytes in two minutes");
    }
  }
}
