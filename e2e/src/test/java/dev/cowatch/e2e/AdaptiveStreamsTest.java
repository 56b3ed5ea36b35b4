package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.e2e.AdaptiveStreams.Spec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The streams {@link AdaptiveStreams} makes (a 16 s film with a 4 s ad at 8 s), and how SiteServer serves them. */
class AdaptiveStreamsTest {
  static final Spec SMALL = new Spec(16_000, 8_000, 4_000);
  /** A part may end up to one segment off its nominal length (its last segment is cut where the keyframes fall). */
  private static final double SEGMENT_S = AdaptiveStreams.SEGMENT_SECONDS;
  private static AdaptiveStreams streams;

  @BeforeAll
  static void make() throws Exception {
    streams = AdaptiveStreams.make(Path.of(System.getProperty("cowatch.e2e.out", "target"), "streams-small"), SMALL);
  }

  @Test
  void dash_hasFilmAdFilmPeriods_placedOnOneTimeline_withTheAdMarked() throws Exception {
    Document mpd = DashPeriods.parse(streams.dashManifest());
    assertThat(mpd.getDocumentElement().getAttribute("mediaPresentationDuration")).isEqualTo("PT20.000S");
    List<Element> periods = DashPeriods.children(mpd.getDocumentElement(), "Period");
    assertThat(periods).extracting(p -> p.getAttribute("id")).containsExactly("film-1", "ad-1", "film-2");
    assertThat(periods).extracting(p -> p.getAttribute("start")).containsExactly("PT0.000S", "PT8.000S", "PT12.000S");
    assertThat(periods).extracting(p -> p.getAttribute("duration")).containsExactly("PT8.000S", "PT4.000S", "PT8.000S");
    double[] lengths = {8, 4, 8};
    for (int i = 0; i < periods.size(); i++) {
      Element period = periods.get(i);
      List<Element> sets = DashPeriods.children(period, "AdaptationSet");
      assertThat(sets).extracting(s -> s.getAttribute("contentType")).containsExactly("video", "audio");
      List<Element> video = DashPeriods.children(sets.get(0), "Representation");
      assertThat(video).extracting(r -> r.getAttribute("id")).containsExactly("240p", "360p", "540p");
      assertThat(video).extracting(r -> r.getAttribute("height")).containsExactly("240", "360", "540");
      assertThat(video).extracting(r -> r.getAttribute("codecs")).containsOnly("avc1.4d401f");
      assertThat(DashPeriods.children(sets.get(1), "Representation")).extracting(r -> r.getAttribute("id")).containsExactly("audio");
      for (Element set : sets) {
        for (Element rep : DashPeriods.children(set, "Representation")) {
          Element template = DashPeriods.children(rep, "SegmentTemplate").getFirst();
          assertThat(template.getAttribute("presentationTimeOffset")).isEqualTo("0");
          assertThat(seconds(template)).as("%s %s", period.getAttribute("id"), rep.getAttribute("id")).isCloseTo(lengths[i],
              org.assertj.core.data.Offset.offset(SEGMENT_S));
          String init = template.getAttribute("initialization").replace("$RepresentationID$", rep.getAttribute("id"));
          String first = template.getAttribute("media").replace("$RepresentationID$", rep.getAttribute("id")).replace("$Number%05d$", "00001");
          assertThat(streams.dashManifest().resolveSibling(init)).isRegularFile();
          assertThat(streams.dashManifest().resolveSibling(first)).isRegularFile();
        }
      }
      List<Element> events = DashPeriods.children(period, "EventStream");
      if (period.getAttribute("id").equals("ad-1")) {
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().getAttribute("schemeIdUri")).isEqualTo("urn:cowatch:ad");
        assertThat(events.getFirst().getAttribute("timescale")).isEqualTo("1000");
        Element event = DashPeriods.children(events.getFirst(), "Event").getFirst();
        assertThat(List.of(event.getAttribute("presentationTime"), event.getAttribute("duration"), event.getAttribute("id")))
            .containsExactly("0", "4000", "1");
      } else {
        assertThat(events).isEmpty();
      }
    }
  }

  @Test
  void hls_hasThreeVariants_eachTheThreePartsWithDiscontinuitiesAndTheAdsDateRange() throws Exception {
    String master = Files.readString(streams.hlsManifest());
    Matcher variant = Pattern.compile("#EXT-X-STREAM-INF:BANDWIDTH=(\\d+),AVERAGE-BANDWIDTH=\\d+,RESOLUTION=(\\d+x\\d+),"
        + "FRAME-RATE=24.000,CODECS=\"avc1.4d401f,mp4a.40.2\"\n(\\S+)\n").matcher(master);
    List<String> variants = new ArrayList<>();
    List<Long> bandwidths = new ArrayList<>();
    while (variant.find()) {
      variants.add(variant.group(2) + " " + variant.group(3));
      bandwidths.add(Long.parseLong(variant.group(1)));
    }
    assertThat(variants).containsExactly("426x240 240p.m3u8", "640x360 360p.m3u8", "960x540 540p.m3u8");
    assertThat(bandwidths).isSorted();
    for (String name : List.of("240p", "360p", "540p")) {
      Path playlist = streams.hlsManifest().resolveSibling(name + ".m3u8");
      List<String> lines = Files.readAllLines(playlist);
      assertThat(lines).filteredOn("#EXT-X-DISCONTINUITY"::equals).hasSize(2);
      assertThat(lines).filteredOn(l -> l.startsWith("#EXT-X-PROGRAM-DATE-TIME:")).containsExactly(
          "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00.000Z", "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:08.000Z",
          "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:12.000Z");
      int range = lines.indexOf("#EXT-X-DATERANGE:ID=\"ad-1\",CLASS=\"com.cowatch.ad\",START-DATE=\"2026-01-01T00:00:08.000Z\","
          + "DURATION=4.000,SCTE35-OUT=" + HlsPlaylists.SCTE35_OUT);
      assertThat(range).as("the ad's date range in " + name).isPositive();
      assertThat(lines.get(range + 2)).startsWith("ad-1/" + name + "-");
      assertThat(lines.getLast()).isEqualTo("#EXT-X-ENDLIST");
      double[] perPart = new double[3];
      String[] partIds = {"film-1", "ad-1", "film-2"};
      double pending = 0;
      for (String line : lines) {
        if (line.startsWith("#EXTINF:")) pending = Double.parseDouble(line.substring(8, line.indexOf(',')));
        else if (!line.startsWith("#")) {
          assertThat(streams.hlsManifest().resolveSibling(line)).isRegularFile();
          perPart[List.of(partIds).indexOf(line.substring(0, line.indexOf('/')))] += pending;
        }
      }
      assertThat(perPart[0]).isCloseTo(8, org.assertj.core.data.Offset.offset(SEGMENT_S));
      assertThat(perPart[1]).isCloseTo(4, org.assertj.core.data.Offset.offset(SEGMENT_S));
      assertThat(perPart[2]).isCloseTo(8, org.assertj.core.data.Offset.offset(SEGMENT_S));
    }
  }

  @Test
  void make_withTheSameSpec_usesWhatIsThere_andAHalfMadeDirectoryIsMadeAgain() throws Exception {
    FileTime before = Files.getLastModifiedTime(streams.dashManifest());
    AdaptiveStreams again = AdaptiveStreams.make(streams.dir(), SMALL);
    assertThat(Files.getLastModifiedTime(again.dashManifest())).isEqualTo(before);
    assertThat(again.filmTimeAt(10_000)).as("film time stands still during the ad").isEqualTo(8_000);
    assertThat(again.filmTimeAt(13_000)).isEqualTo(9_000);
  }

  @Test
  void server_servesStreamFilesWithTheirTypes_andNothingOutsideOrOfOtherKinds() throws Exception {
    try (SiteServer sites = SiteServer.start(streams)) {
      int port = Integer.parseInt(sites.manifestUrl(SiteServer.Manifest.DASH).replaceAll(".*:(\\d+)/.*", "$1"));
      assertThat(get(port, "/streams/dash/manifest.mpd")).startsWith("HTTP/1.1 200").contains("Content-type: application/dash+xml");
      assertThat(get(port, "/streams/hls/master.m3u8")).contains("Content-type: application/vnd.apple.mpegurl");
      assertThat(get(port, "/streams/hls/film-1/240p-00000.ts")).contains("Content-type: video/mp2t");
      assertThat(get(port, "/streams/dash/ad-1/540p-00001.m4s")).contains("Content-type: video/mp4");
      assertThat(get(port, "/streams/dash/ad-1/audio-init.mp4")).contains("Content-type: audio/mp4");
      assertThat(get(port, "/sites/lib/hls.min.js")).startsWith("HTTP/1.1 200").contains("Content-type: text/javascript");
      for (String bad : List.of("/streams/spec.txt", "/streams/../streams-small/spec.txt", "/streams/dash/../../pom.xml",
          "/streams/dash/%2e%2e/spec.txt", "/streams/dash%2f..%2fspec.txt", "/streams/.hidden", "/streams/dash/",
          "/streams//etc/passwd", "/streams/dash/film-1", "/sites/lib/../pom.xml", "/sites/lib/Hls.min.js",
          "/sites/../dev/cowatch/e2e/SiteServer.class", "/sites/lib/x/hls.min.js")) {
        assertThat(get(port, bad)).as(bad).startsWith("HTTP/1.1 404");
      }
      assertThat(sites.segmentsServed()).containsEntry("540p", 1L).containsEntry("240p", 1L).doesNotContainKey("audio");
    }
  }

  @Test
  void throttle_pacesSegmentsToTheSetSpeed_butNotManifests() throws Exception {
    try (SiteServer sites = SiteServer.start(streams)) {
      int port = Integer.parseInt(sites.manifestUrl(SiteServer.Manifest.HLS).replaceAll(".*:(\\d+)/.*", "$1"));
      Path segment = streams.dir().resolve("hls/film-1/540p-00001.ts");
      long bits = Files.size(segment) * 8;
      sites.throttle(2_000_000);
      long start = System.nanoTime();
      get(port, "/streams/hls/film-1/540p-00001.ts");
      double tookS = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      get(port, "/streams/hls/540p.m3u8");
      double manifestS = (System.nanoTime() - start) / 1e9;
      sites.throttle(0);
      start = System.nanoTime();
      get(port, "/streams/hls/film-1/540p-00001.ts");
      double freeS = (System.nanoTime() - start) / 1e9;
      System.out.printf("throttle: %d kbit at 2 Mbit/s took %.3f s (%.3f s expected), unthrottled %.3f s, manifest %.3f s%n",
          bits / 1000, tookS, bits / 2e6, freeS, manifestS);
      // Not faster than the set speed (what the players' switches rely on); slower only by what a busy machine adds
      // (a CI run at a load of 13: 2.32 s for 1.79 s expected, 0.03 s past a bound of +0.5 s).
      assertThat(tookS).isBetween(bits / 2e6 * 0.9, bits / 2e6 * 1.5 + 0.5);
      assertThat(manifestS).isLessThan(0.2);
      assertThat(freeS).isLessThan(0.2);
    }
  }

  /** Sum of a template's segment durations in seconds. */
  private static double seconds(Element template) {
    double timescale = Double.parseDouble(template.getAttribute("timescale"));
    long units = 0;
    for (Element s : DashPeriods.children(DashPeriods.children(template, "SegmentTimeline").getFirst(), "S")) {
      long repeat = s.hasAttribute("r") ? Long.parseLong(s.getAttribute("r")) : 0;
      units += Long.parseLong(s.getAttribute("d")) * (repeat + 1);
    }
    return units / timescale;
  }

  /** A GET of exactly this path (no client normalising it), answering the status line and headers, body read. */
  static String get(int port, String path) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String all = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      int end = all.indexOf("\r\n\r\n");
      return end < 0 ? all : all.substring(0, end);
    }
  }
}
