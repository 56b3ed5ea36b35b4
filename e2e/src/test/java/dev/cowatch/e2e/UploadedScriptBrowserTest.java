package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import dev.cowatch.core.room.UserId;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Bytes a user supplied do not run on Cowatch's origin (issue 51, finding 3), in Chromium: a page that opens a
 * shared file's {@code /p2p/} address or an unchecked upload's stream URL (a link in chat) gets a download, not a
 * page, and a file declared a video but holding HTML is shown as a (broken) video, its script never run. The script
 * would write {@code localStorage}, where the app keeps its tokens; it stays empty.
 */
class UploadedScriptBrowserTest {
  /** Writes to the origin's storage, as a token thief would read it. */
  private static final String SCRIPT = "<!doctype html><title>page</title><script>localStorage.setItem('ran', "
      + "location.href); document.title = 'ran';</script><p>hello</p>";

  @Test
  void aSharedFileDeclaredHtml_isADownload_andOneDeclaredAVideo_runsNothing() throws Exception {
    try (E2eStack stack = E2eStack.start(); RoomPage viewer = stack.chromium().newViewer("Vic")) {
      Page app = viewer.page();
      app.navigate(stack.baseUri().resolve("/").toString());
      app.waitForFunction("() => navigator.serviceWorker.ready.then(() => true)");
      store(app, "evilhtml", "text/html");
      store(app, "evilvideo", "video/mp4");
      store(app, "evilsvg", "image/svg+xml");

      Download html = downloadOf(viewer.context(), stack.baseUri().resolve("/p2p/evilhtml").toString());
      Download svg = downloadOf(viewer.context(), stack.baseUri().resolve("/p2p/evilsvg").toString());
      Page video = viewer.context().newPage();
      video.navigate(stack.baseUri().resolve("/p2p/evilvideo").toString());
      video.waitForTimeout(1_000);

      assertThat(app.evaluate("() => localStorage.getItem('ran')")).as("the shared file's script ran").isNull();
      assertThat(video.title()).isNotEqualTo("ran");
      assertThat(html).as("text/html is a download").isNotNull();
      assertThat(svg).as("image/svg+xml is a download").isNotNull();
      video.close();
    }
  }

  @Test
  void anUncheckedUploadDeclaredHtml_isADownload_notAPage() throws Exception {
    try (E2eStack stack = E2eStack.start(); RoomPage viewer = stack.chromium().newViewer("Vic");
        HttpClient http = HttpClient.newHttpClient()) {
      JsonNode guest = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(stack.baseUri().resolve(
          "/api/auth/guest")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
          "{\"displayName\":\"Eve\"}")).build(), HttpResponse.BodyHandlers.ofString()).body());
      byte[] page = SCRIPT.getBytes(StandardCharsets.UTF_8);
      // As a tus upload with ffprobe absent stored it before: the type its uploader declared.
      String id = stack.server().media().library().importFile(new UserId(guest.at("/user/id").asText()), "Page",
          "page.html", "text/html", new ByteArrayInputStream(page), page.length).id();
      String url = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(stack.baseUri().resolve(
          "/api/media/" + id + "/url")).header("Authorization", "Bearer " + guest.get("accessToken").asText())
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body())
          .get("url").asText();
      Page app = viewer.page();
      app.navigate(stack.baseUri().resolve("/").toString());

      Download d = downloadOf(viewer.context(), stack.baseUri().resolve(url).toString());

      assertThat(app.evaluate("() => localStorage.getItem('ran')")).as("the upload's script ran").isNull();
      assertThat(d).as("a download").isNotNull();
    }
  }

  /** A file of one chunk in the service worker's store, as a peer's transfer leaves it, declared {@code type}. */
  private static void store(Page app, String shareId, String type) {
    app.evaluate("""
        ([shareId, type, html]) => new Promise((resolve, reject) => {
          const data = new TextEncoder().encode(html);
          const open = indexedDB.open('cowatch-p2p', 1);
          open.onupgradeneeded = () => {
            open.result.createObjectStore('chunks');
            open.result.createObjectStore('files', { keyPath: 'shareId' });
          };
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['chunks', 'files'], 'readwrite');
            tx.objectStore('chunks').put(data, [shareId, 0]);
            tx.objectStore('files').put({ sharer: 'm-eve', shareId, name: 'film', size: data.length, type,
              touchedAt: Date.now(), bytes: data.length });
            tx.oncomplete = () => { open.result.close(); resolve(true); };
            tx.onerror = () => reject(tx.error);
          };
        })""", java.util.List.of(shareId, type, SCRIPT));
  }

  /** Opens {@code url} in a new tab of the context; the download it starts, or null when it showed a page. */
  private static Download downloadOf(BrowserContext context, String url) {
    Page tab = context.newPage();
    try {
      return tab.waitForDownload(new Page.WaitForDownloadOptions().setTimeout(10_000), () -> {
        try {
          tab.navigate(url);
        } catch (PlaywrightException expected) {
          // "Download is starting": a navigation that ends in a download is reported as failed.
        }
      });
    } catch (PlaywrightException noDownload) {
      return null;
    } finally {
      tab.close();
    }
  }
}
