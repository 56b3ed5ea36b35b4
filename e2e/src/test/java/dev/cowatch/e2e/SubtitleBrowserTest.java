package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.SelectOption;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.media.MediaItem;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Subtitles in two browsers watching an uploaded film: the film's owner uploads an SRT from the room
 * page and chooses it for the room; after a seek the other viewer's player shows the cue of that
 * moment; that viewer turns subtitles off for themselves, which changes nothing for the owner.
 */
class SubtitleBrowserTest {
  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern USER_ID = Pattern.compile("\"user\"\\s*:\\s*\\{\"id\"\\s*:\\s*\"([^\"]+)\"");
  /** Windows line endings and a non-ASCII line, as subtitle files come. */
  private static final String SRT = "1\r\n00:00:02,000 --> 00:00:06,000\r\nOpening line\r\n\r\n"
      + "2\r\n00:00:08,000 --> 00:00:30,000\r\nBonjour, ça va ? <i>Très</i> bien.\r\n";
  /** What the second cue's text is once converted (the tags stay WebVTT markup). */
  private static final String SECOND_CUE = "Bonjour, ça va ? <i>Très</i> bien.";

  /** The cue text the page shows right now: the active cues of its showing track, or why not. */
  private static final String SHOWN_CUE = """
      () => {
        const tracks = [...window.__cowatch.video.textTracks];
        const shown = tracks.find((t) => t.mode === 'showing');
        if (!shown) return 'no track showing (' + tracks.map((t) => t.mode).join(',') + ')';
        const cues = shown.activeCues;
        return cues && cues.length > 0 ? cues[0].text : 'no active cue';
      }""";
  /** For a failure message: each track element's state and the player's position. */
  private static final String STATE = """
      () => {
        const v = window.__cowatch.video;
        return 'at ' + v.currentTime + ' s, tracks: ' + [...v.querySelectorAll('track')].map((e) =>
            e.track.mode + '/' + e.readyState + '/' + (e.track.cues ? e.track.cues.length : 'null') + ' cues').join('; ');
      }""";
  private static final String TRACK_MODES = "() => [...window.__cowatch.video.textTracks].map((t) => t.mode).join(',')";
  private static final String TRACK_MODES_ARE =
      "(modes) => [...window.__cowatch.video.textTracks].map((t) => t.mode).join(',') === modes";
  private static final String ACTIVE_IN_ANY = """
      () => [...window.__cowatch.video.textTracks].map((t) => t.activeCues && t.activeCues.length > 0
          ? t.activeCues[0].text : '').join('|')""";

  @Test
  void ownerUploadsAndChooses_theOtherViewerSeesTheCueAfterASeek_andHidesItLocally() throws Exception {
    try (E2eStack stack = E2eStack.start(); HttpClient http = HttpClient.newHttpClient()) {
      // Ann is a guest with a session; the film is hers, imported straight into her library.
      String session = post(http, stack.baseUri(), "/api/auth/guest", "{\"displayName\":\"Ann\"}");
      Matcher user = USER_ID.matcher(session);
      assertThat(user.find()).as(session).isTrue();
      byte[] video = E2eStack.findVideo();
      MediaItem film = stack.server().media().library().importFile(new UserId(user.group(1)), "Sync test", E2eStack.VIDEO,
          "video/webm", new ByteArrayInputStream(video), video.length);
      Matcher token = ACCESS_TOKEN.matcher(session);
      assertThat(token.find()).as(session).isTrue();
      String roomId = stack.createRoom("{\"name\":\"Subtitled\",\"mediaId\":\"" + film.roomMediaId() + "\"}",
          token.group(1));

      try (RoomSession room = new RoomSession(stack, roomId)) {
        RoomPage ann = room.add(signedIn(stack, "Ann", session, roomId));
        RoomPage ben = room.join("Ben");
        Page a = ann.page();
        Page b = ben.page();
        PlaywrightAssertions.assertThat(a.locator("#subtitles")).isVisible();
        PlaywrightAssertions.assertThat(b.locator("#subtitle-upload")).isHidden(); // not Ben's film

        // Ann uploads the SRT from the room page.
        a.locator("#subtitle-file").setInputFiles(new FilePayload("Film.srt", "application/x-subrip",
            SRT.getBytes(StandardCharsets.UTF_8)));
        a.locator("#subtitle-language").fill("fr");
        a.locator("#subtitle-upload button[type=submit]").click();
        ann.awaitText("#subtitle-status", "2", RoomPage.TIMEOUT_MS);
        String trackId = stack.server().media().subtitles().list(new UserId(user.group(1)), film.id()).getFirst().track().id();

        // She chooses it for everyone.
        a.locator("#subtitle-room").selectOption(new SelectOption().setValue(trackId));
        room.await("the room shows the track", r -> trackId.equals(stack.room(roomId).subtitleTrack()), 50);
        PlaywrightAssertions.assertThat(b.locator("#subtitle-room")).hasValue(trackId);
        PlaywrightAssertions.assertThat(b.locator("#subtitle-chosen-by")).containsText("Ann");
        assertThat(Axe.violations(a)).as("WCAG 2.1 AA on the room with its captions menu").isEmpty();
        b.waitForFunction(TRACK_MODES_ARE, "showing");
        ben.idle(300);
        assertThat(b.evaluate(SHOWN_CUE)).as("paused at 0, before the first cue").isEqualTo("no active cue");

        // Ann seeks into each cue in turn: both players move there and show it.
        seekBoth(room, ann, 3_000);
        awaitCue(ben, "Opening line");
        awaitCue(ann, "Opening line");
        seekBoth(room, ann, 10_000);
        awaitCue(ben, SECOND_CUE);
        awaitCue(ann, SECOND_CUE);
        ben.screenshot(BrowserSyncTest.outDir().resolve("subtitles.png"));

        // Ben turns subtitles off for himself: hidden on his screen, still loaded; nothing changes for the room.
        b.locator("#subtitle-local").uncheck();
        b.waitForFunction(TRACK_MODES_ARE, "hidden");
        assertThat(b.evaluate(SHOWN_CUE)).isEqualTo("no track showing (hidden)");
        assertThat(b.evaluate(ACTIVE_IN_ANY)).as("the cue is still there, only not drawn").isEqualTo(SECOND_CUE);
        ann.idle(500);
        assertThat(a.evaluate(TRACK_MODES)).isEqualTo("showing");
        assertThat(a.evaluate(SHOWN_CUE)).isEqualTo(SECOND_CUE);
        assertThat(stack.room(roomId).subtitleTrack()).isEqualTo(trackId);

        // The room turning them off turns them off for Ann too; Ben's own switch stays his.
        a.locator("#subtitle-room").selectOption(new SelectOption().setValue(""));
        a.waitForFunction(TRACK_MODES_ARE, "disabled");
        b.locator("#subtitle-local").check();
        b.waitForFunction(TRACK_MODES_ARE, "disabled");
        assertThat(stack.room(roomId).subtitleTrack()).isNull();

        for (RoomPage p : List.of(ann, ben)) {
          assertThat(p.problems()).as(p.name() + "'s page errors").noneMatch(s -> s.startsWith("page error"));
        }
      }
    }
  }

  /** Ann's browser already holds her session (as after signing in), so the room page needs no name. */
  private static RoomPage signedIn(E2eStack stack, String name, String session, String roomId) {
    RoomPage viewer = stack.chromium().newViewer(name);
    Axe.install(viewer.context());
    Page page = viewer.page();
    page.navigate(stack.baseUri().resolve("/").toString());
    page.evaluate("s => localStorage.setItem('cowatch.session', s)", session);
    page.navigate(stack.baseUri().resolve("/r/" + roomId).toString());
    viewer.awaitJoined(3);
    return viewer;
  }

  private static void seekBoth(RoomSession room, RoomPage actor, long positionMs) {
    actor.seekBarTo(positionMs);
    room.await("every page at " + positionMs + " ms", r -> r.timeline().anchorPositionMs() == positionMs
        && r.samples().stream().allMatch(s -> Math.abs(s.positionMs() - positionMs) < 500 && !s.seeking()), 50);
  }

  private static void awaitCue(RoomPage viewer, String text) {
    long until = System.currentTimeMillis() + (long) RoomPage.TIMEOUT_MS;
    Object shown = null;
    while (System.currentTimeMillis() < until) {
      shown = viewer.page().evaluate(SHOWN_CUE);
      if (text.equals(shown)) return;
      viewer.idle(50);
    }
    throw new AssertionError(viewer.name() + " shows '" + shown + "', not '" + text + "'; " + viewer.page().evaluate(STATE));
  }

  private static String post(HttpClient http, URI base, String path, String json) throws Exception {
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() / 100 != 2) throw new IllegalStateException(path + ": " + res.statusCode() + " " + res.body());
    return res.body();
  }
}
