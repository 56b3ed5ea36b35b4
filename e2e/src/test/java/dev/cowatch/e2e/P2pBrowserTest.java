package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A film sent from one browser to another over WebRTC (issue 23), in headless Chromium inside a network
 * namespace (WebRTC finds no candidates on loopback alone): the receiver plays before the file has
 * arrived and stays in step with the sharer, the file that arrives is the original, a spoiled chunk is
 * fetched again, a cut connection goes on where it stopped, an offer can be declined, a file the
 * browser cannot play is never offered, and a file goes straight to a friend from the friends page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RunsAlone
class P2pBrowserTest {
  /**
   * About 50 MB (the grain is random: 48 or 49 MiB from one run to the next): 60 s of 720p at ~6.1 Mbit/s,
   * a 4 s stretch repeated
   * (TestVideos.makeLooped: once per class, ~1 s of CPU instead of ~14 s for 60 s of grain encoded whole).
   */
  private static final int FILM_SECONDS = 60;
  private static final int FILM_SEGMENT_SECONDS = 4;
  /**
   * About 12 MB, the same picture: for the tests about what arrives rather than when it plays (a spoiled chunk, a
   * cut, two receivers, the relay, the friends page). Each moved 50 MB at the link's full speed, 40 s of the class.
   */
  private static final int SHORT_FILM_SECONDS = 16;
  /**
   * The sharer is held to this in the tests that watch the transfer: loopback would be done in a second. 1 MiB/s
   * (1.4x the film's bitrate): the receiver's first start costs seconds that do not depend on the data (9.4-15.3 s
   * after it accepted on a slow day, 2026-11-25; 15.3 s again in a run on a machine at half speed, 2026-11-27), and at
   * 2 MiB/s 60% of the film had arrived by then, which left "plays before the file has arrived" to the machine's
   * speed. At 1 MiB/s the same machine started in 2.4-3.7 s and the two stayed 4 ms apart at p95, where at 2 MiB/s the
   * receiver stalled now and then (p95 150-680 ms): receiving at that rate costs the page enough CPU to hold its
   * playback back on a slow machine (open work on peer-to-peer speed;
   * docs/performance-history.md#2026-11-25-evening-the-browser-tests-receiver-starts-9-15-s-after-accepting).
   */
  private static final int PACED_BYTES_PER_SECOND = 1024 * 1024;

  private NetNamespace ns;
  private Coturn turn;
  private E2eStack stack;
  private Path film;
  private String filmSha256;
  /** The stored-files list's line for the film: its size in whole MiB, as the page writes sizes of 10 MiB and more. */
  private String storedLabel;
  private Path shortFilm;
  private String shortFilmSha256;
  private String shortStoredLabel;
  private Path dir;
  private final List<RoomPage> pages = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("cowatch-p2p");
    film = TestVideos.makeLooped(dir, "film.mp4", FILM_SECONDS, FILM_SEGMENT_SECONDS, "1280x720", "6100k");
    assertThat(Files.size(film)).as("the film's size").isBetween(45_000_000L, 60_000_000L);
    filmSha256 = TestVideos.sha256(film);
    storedLabel = storedLabel(film);
    shortFilm = TestVideos.makeLooped(Files.createDirectory(dir.resolve("short")), "film.mp4", SHORT_FILM_SECONDS,
        FILM_SEGMENT_SECONDS, "1280x720", "6100k");
    assertThat(Files.size(shortFilm)).as("the short film's size: whole MiB on the page from 10 MiB").isBetween(10_500_000L, 20_000_000L);
    shortFilmSha256 = TestVideos.sha256(shortFilm);
    shortStoredLabel = storedLabel(shortFilm);
    ns = NetNamespace.create();
    turn = Coturn.start(ns.hostAddress());
    stack = E2eStack.startInNamespace(ns, c -> c.ice(dev.cowatch.server.rtc.IceConfig.parse(turn.url(), turn.secret(),
        java.time.Duration.ofHours(1))));
  }

  private static String storedLabel(Path file) throws java.io.IOException {
    return file.getFileName() + ", " + Math.round(Files.size(file) / (1024.0 * 1024.0)) + " MiB";
  }

  @AfterAll
  void stop() {
    if (stack != null) stack.close();
    if (turn != null) turn.close();
    if (ns != null) ns.close();
  }

  @AfterEach
  void closePages() {
    for (RoomPage p : pages) p.close();
    pages.clear();
  }

  private RoomPage viewer(String name, String roomId) {
    RoomPage p = stack.chromium().newViewer(name).join(stack.baseUri(), roomId, 0);
    pages.add(p);
    return p;
  }

  /** Ann opens a room from the home page, so she owns it and may change its media (guests may not). */
  private RoomPage annInNewRoom() {
    RoomPage ann = stack.chromium().newViewer("Ann");
    pages.add(ann);
    return ann.createRoom(stack.baseUri(), "Film from my disk");
  }

  private static String roomIdOf(RoomPage page) {
    String url = page.page().url();
    return url.substring(url.lastIndexOf("/r/") + 3).replaceAll("[?#].*", "");
  }

  private static void share(RoomPage sharer, Path file) {
    sharer.page().locator("#share-file").setInputFiles(file);
  }

  /**
   * The viewer turns "Hide my address" off on the room page: guests have it on by default where the server has a
   * relay, and this one chooses a direct connection.
   */
  private static void showAddress(RoomPage page) {
    page.page().locator("#hide-address").uncheck();
  }

  private static void pace(RoomPage page, int bytesPerSecond) {
    page.page().evaluate("(b) => { (window.__cowatchP2p ??= { corruptNext: 0, maxBytesPerSecond: 0, sharers: [], fetchers: [] })"
        + ".maxBytesPerSecond = b; }", bytesPerSecond);
  }

  /** The receiver's fetcher: [percent, status, badChunks, reconnects]. */
  private static List<?> fetcher(RoomPage page) {
    return (List<?>) page.page().evaluate("() => { const f = window.__cowatchP2p?.fetchers?.at(-1);"
        + " return f ? [f.progress.percent, f.status, f.badChunks, f.reconnects] : [0, 'none', 0, 0]; }");
  }

  private static void awaitDone(RoomPage page) {
    page.page().waitForFunction("() => ['done', 'failed'].includes(window.__cowatchP2p?.fetchers?.at(-1)?.status)", null,
        new Page.WaitForFunctionOptions().setTimeout(120_000));
    assertThat(fetcher(page).get(1)).as("the transfer's end").isEqualTo("done");
  }

  /** The SHA-256 of the file as the receiver's <video> reads it: through the service worker, range by range. */
  private static String receivedSha256(RoomPage page) {
    return (String) page.page().evaluate("""
        async () => {
          const f = window.__cowatchP2p.fetchers.at(-1);
          const url = '/p2p/' + f.share.shareId + '/x', parts = [];
          let at = 0;
          while (at < f.share.size) {
            const r = await fetch(url, { headers: { Range: 'bytes=' + at + '-' } });
            if (r.status !== 206) throw new Error('range answer ' + r.status);
            const b = new Uint8Array(await r.arrayBuffer());
            parts.push(b);
            at += b.length;
          }
          const all = new Uint8Array(at);
          let o = 0;
          for (const p of parts) { all.set(p, o); o += p.length; }
          const d = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
          return [...d].map((x) => x.toString(16).padStart(2, '0')).join('');
        }""");
  }

  private static Path shot(String name) {
    return Path.of("target", "e2e-screenshots", name);
  }

  @Test
  void twoPeers_receiverPlaysBeforeTheEnd_staysInStep_andGetsTheOriginal() throws Exception {
    RoomPage ann = annInNewRoom();
    String roomId = roomIdOf(ann);
    RoomPage bob = viewer("Bob", roomId);
    showAddress(ann);
    showAddress(bob);
    pace(ann, PACED_BYTES_PER_SECOND);
    share(ann, film);
    bob.page().locator("#p2p-offer-text").waitFor();
    assertThat(bob.text("#p2p-offer-text")).contains("Ann").contains("film.mp4").contains("MiB");
    bob.screenshot(shot("p2p-offer.png"));

    long acceptedAt = System.currentTimeMillis();
    bob.page().locator("#p2p-accept").click();
    RoomSession room = new RoomSession(stack, roomId);
    room.add(ann);
    room.add(bob);
    room.playFrom(ann);
    // Playing on both while much of the file is still on its way.
    bob.page().waitForFunction("() => window.__cowatch.video.currentTime > 2", null,
        new Page.WaitForFunctionOptions().setTimeout(30_000));
    long playingAfterMs = System.currentTimeMillis() - acceptedAt;
    double percentWhenPlaying = ((Number) fetcher(bob).get(0)).doubleValue();
    System.out.printf("p2p: playing %d ms after accept, at %.1f %% of the file%n", playingAfterMs, percentWhenPlaying);
    assertThat(percentWhenPlaying).as("percent received when the receiver plays 2 s in").isLessThan(60);

    // The receiver's first start is on a file still arriving, seconds after the sharer's: it catches up first
    // (a seek, as any late joiner). What is measured is staying in step once there, while the rest arrives.
    room.await("the receiver in step with the sharer", r -> r.allPlaying() && r.spreadMs() <= RoomSession.CONVERGED_MS, 50);
    List<Double> spreads = new ArrayList<>();
    for (Round r : room.sampleSteady(5_000, 100)) spreads.add(r.spreadMs());
    Percentiles spread = new Percentiles(spreads);
    System.out.printf("p2p: spread during the transfer %s (in order: %s)%n", spread,
        spreads.stream().map(d -> String.valueOf(Math.round(d))).toList());
    assertThat(spread.count()).as("rounds with both playing").isGreaterThanOrEqualTo(20);
    assertThat(spread.p(95)).as("p95 distance between sharer and receiver while the file arrives, ms").isLessThanOrEqualTo(100);
    assertThat(((Number) fetcher(bob).get(0)).doubleValue()).as("still arriving").isLessThan(100);
    ann.screenshot(shot("p2p-sharer-progress.png"));
    bob.screenshot(shot("p2p-receiver-playing.png"));
    assertThat(ann.text("#p2p-progress")).contains("Bob");
    assertThat(bob.text("#p2p-receiving")).contains("film.mp4");

    pace(ann, 0);
    awaitDone(bob);
    assertThat(receivedSha256(bob)).isEqualTo(filmSha256);
    assertThat(((String) bob.page().evaluate("() => window.__cowatchP2p.fetchers.at(-1).sha256"))).isEqualTo(filmSha256);
    assertThat(bob.page().evaluate("() => window.__cowatchP2p.fetchers.at(-1).route")).as("a direct connection").isEqualTo("host");
    bob.page().locator("#p2p-stored summary").click();
    bob.awaitText("#p2p-stored-list", storedLabel, 10_000);
    bob.screenshot(shot("p2p-stored.png"));
    assertThat(ann.problems()).isEmpty();
    assertThat(bob.problems()).isEmpty();
  }

  /**
   * The friends page's "Watch a file with …": a private room, the friend invited (a notification), the
   * file offered as soon as Ann is in; Ben follows the notification, accepts, gets the original, and
   * finds it on his "Files received from others" page.
   */
  @Test
  void fromTheFriendsPage_aFileGoesStraightToAFriend_whoFindsItAmongReceivedFiles() {
    RoomPage ann = stack.chromium().newViewer("Ann");
    RoomPage ben = stack.chromium().newViewer("Ben");
    pages.add(ann);
    pages.add(ben);
    Page a = ann.page();
    Page b = ben.page();
    java.net.URI base = stack.baseUri();
    Accounts.signUp(a, base, "Ann", "ann-p2p@example.org");
    Accounts.signUp(b, base, "Ben", "ben-p2p@example.org");
    a.navigate(base.resolve("/friends").toString());
    a.locator("#friend-request-email").fill("ben-p2p@example.org");
    a.locator("#friend-request button[type=submit]").click();
    com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(a.locator("#friend-request .ok")).containsText("Request sent");
    b.navigate(base.resolve("/friends").toString());
    b.locator("#friend-requests li[data-user] button.accept").click();
    com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(b.locator("#friend-list")).containsText("Ann");
    a.reload();

    com.microsoft.playwright.Locator benRow = a.locator("#friend-list li[data-user]", new Page.LocatorOptions().setHasText("Ben"));
    benRow.locator(".watch-file-input").setInputFiles(shortFilm);
    a.waitForURL("**/r/*", new Page.WaitForURLOptions().setTimeout(30_000));
    String roomId = roomIdOf(ann);
    assertThat(stack.room(roomId).settings().visibility().name()).isEqualTo("PRIVATE");
    assertThat(stack.room(roomId).settings().name()).isEqualTo("film.mp4 with Ben");
    ann.page().waitForFunction("() => (window.__cowatch?.client?.timeline?.mediaId ?? '').startsWith('peer:')", null,
        new Page.WaitForFunctionOptions().setTimeout(30_000));

    // Ben follows the invitation from the bell into the room, and is offered the file.
    b.navigate(base.resolve("/notifications").toString());
    b.locator("#notifications li.unread[data-kind=roomInvite] a").click();
    b.waitForURL("**/r/" + roomId + "**");
    b.locator("#p2p-offer-text").waitFor();
    assertThat(ben.text("#p2p-offer-text")).contains("Ann").contains("film.mp4");
    b.locator("#p2p-accept").click();
    awaitDone(ben);
    assertThat(receivedSha256(ben)).isEqualTo(shortFilmSha256);

    b.navigate(base.resolve("/files").toString());
    ben.awaitText("#p2p-stored-list", shortStoredLabel, 10_000);
    ben.awaitText("#stored-total", "1", 10_000);
    ben.screenshot(shot("p2p-received-files.png"));
    b.onceDialog(d -> d.accept());
    b.locator("#stored-remove-all").click();
    ben.awaitText("#p2p-stored-list", "Nothing stored", 10_000);
  }

  @Test
  void aSpoiledChunk_isFetchedAgain_andACutAt40Percent_goesOnWhereItStopped() throws Exception {
    RoomPage ann = annInNewRoom();
    String roomId = roomIdOf(ann);
    RoomPage bob = viewer("Bob", roomId);
    pace(ann, 2 * 1024 * 1024); // 40 % of the short film in ~3 s: time to cut before the end
    ann.page().evaluate("() => { window.__cowatchP2p.corruptNext = 3; }");
    share(ann, shortFilm);
    bob.page().locator("#p2p-accept").click();
    bob.page().waitForFunction("() => (window.__cowatchP2p?.fetchers?.at(-1)?.progress.percent ?? 0) >= 40", null,
        new Page.WaitForFunctionOptions().setTimeout(60_000));
    bob.page().evaluate("() => window.__cowatchP2p.fetchers.at(-1).cut()");
    double percentAtCut = ((Number) fetcher(bob).get(0)).doubleValue();
    bob.page().waitForFunction("() => window.__cowatchP2p.fetchers.at(-1).status === 'receiving'"
        + " && window.__cowatchP2p.fetchers.at(-1).reconnects >= 1", null, new Page.WaitForFunctionOptions().setTimeout(30_000));
    assertThat(((Number) fetcher(bob).get(0)).doubleValue()).as("nothing lost at the cut").isGreaterThanOrEqualTo(percentAtCut);
    pace(ann, 0);
    awaitDone(bob);
    List<?> f = fetcher(bob);
    assertThat(((Number) f.get(2)).intValue()).as("spoiled chunks detected and fetched again").isEqualTo(3);
    assertThat(((Number) f.get(3)).intValue()).as("reconnects").isGreaterThanOrEqualTo(1);
    assertThat(receivedSha256(bob)).isEqualTo(shortFilmSha256);
  }

  @Test
  void aDeclinedOffer_isShownDeclinedToTheSharer_andNothingIsSent() {
    RoomPage ann = annInNewRoom();
    String roomId = roomIdOf(ann);
    RoomPage bob = viewer("Bob", roomId);
    share(ann, shortFilm);
    bob.page().locator("#p2p-decline").click();
    ann.awaitText("#p2p-progress", "declined", 10_000);
    assertThat(bob.text("#p2p-offer")).contains("declined");
    assertThat(fetcher(bob).get(1)).isEqualTo("none");
  }

  @Test
  void aFileTheBrowserCannotPlay_isRefusedWithAReason_beforeAnythingIsOffered() throws Exception {
    Path avi = dir.resolve("old.avi");
    Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i",
        "testsrc=duration=2:size=320x240:rate=25", "-c:v", "mpeg4", "-f", "avi", avi.toString()).inheritIO().start();
    assertThat(p.waitFor()).as("ffmpeg making an MPEG-4 part 2 AVI").isZero();
    RoomPage ann = annInNewRoom();
    String roomId = roomIdOf(ann);
    RoomPage bob = viewer("Bob", roomId);
    share(ann, avi);
    ann.awaitText("#toast", "cannot play old.avi", 20_000);
    ann.screenshot(shot("p2p-refused.png"));
    bob.idle(1_000);
    assertThat(bob.page().locator("#p2p-offer").isVisible()).isFalse();
    assertThat(stack.timeline(roomId).mediaId()).isNull();
  }

  /**
   * Two receivers behind a sharer whose upload is a home connection's (all its links together at 4 MiB/s): they
   * serve each other (a swarm, swarmPlan.ts), so the sharer sends the film about once, not once to each.
   */
  @Test
  void threePeers_bothReceiversGetTheOriginal_fromEachOtherToo_andTheSharerSendsItAboutOnce() throws Exception {
    RoomPage ann = annInNewRoom();
    String roomId = roomIdOf(ann);
    RoomPage bob = viewer("Bob", roomId);
    RoomPage cat = viewer("Cat", roomId);
    ann.page().evaluate("(b) => { (window.__cowatchP2p ??= { corruptNext: 0, maxBytesPerSecond: 0, sharers: [], fetchers: [] })"
        + ".uplinkBytesPerSecond = b; }", 4 * 1024 * 1024);
    share(ann, shortFilm);
    bob.page().locator("#p2p-accept").click();
    cat.page().locator("#p2p-accept").click();
    awaitDone(bob);
    awaitDone(cat);
    assertThat(receivedSha256(bob)).isEqualTo(shortFilmSha256);
    assertThat(receivedSha256(cat)).isEqualTo(shortFilmSha256);
    ann.awaitText("#p2p-progress", "Bob: complete", 10_000);
    ann.awaitText("#p2p-progress", "Cat: complete", 10_000);
    double sent = ((Number) ann.page().evaluate("() => { let n = 0; for (const sh of window.__cowatchP2p.sharers)"
        + " for (const r of sh.receivers.values()) n += r.sentBytes; return n; }")).doubleValue();
    long size = Files.size(shortFilm);
    int bobFromCat = ((Number) bob.page().evaluate("() => window.__cowatchP2p.fetchers.at(-1).fromFellows")).intValue();
    int catFromBob = ((Number) cat.page().evaluate("() => window.__cowatchP2p.fetchers.at(-1).fromFellows")).intValue();
    System.out.printf("swarm: the sharer sent %.2f times the film; Bob took %d chunks from Cat, Cat %d from Bob%n", sent / size,
        bobFromCat, catFromBob);
    assertThat(bobFromCat).as("chunks Bob took from Cat").isPositive();
    assertThat(catFromBob).as("chunks Cat took from Bob").isPositive();
    assertThat(sent / size).as("what the sharer sent, in films").isLessThanOrEqualTo(1.5);
  }

  @Test
  void guestsHideTheirAddressesByDefault_soTheFileGoesThroughCoturn_withShortLivedCredentials() throws Exception {
    RoomPage ann = annInNewRoom();
    String roomId = roomIdOf(ann);
    RoomPage bob = viewer("Bob", roomId);
    // Both are guests and the server has a relay: "Hide my address" is on without anyone touching it.
    assertThat(ann.page().locator("#hide-address").isChecked()).isTrue();
    assertThat(bob.page().locator("#hide-address").isChecked()).isTrue();
    share(ann, shortFilm);
    bob.page().locator("#p2p-accept").click();
    awaitDone(bob);
    assertThat(receivedSha256(bob)).isEqualTo(shortFilmSha256);
    // The browser's own statistics: the candidate pair it used was relayed.
    assertThat(bob.page().evaluate("() => window.__cowatchP2p.fetchers.at(-1).route")).isEqualTo("relay");
  }
}
