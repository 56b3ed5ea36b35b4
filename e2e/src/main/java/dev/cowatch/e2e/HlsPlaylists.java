package dev.cowatch.e2e;

import dev.cowatch.e2e.AdaptiveStreams.Part;
import dev.cowatch.e2e.AdaptiveStreams.Rendition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HLS form of {@link AdaptiveStreams}: ffmpeg's HLS muxer cuts each part of each rendition into MPEG-TS
 * segments, and this writes each rendition's playlist as the three parts one after another, a discontinuity
 * between them (each part's timestamps start again), as a server-side ad inserter does; the ad is marked
 * by an EXT-X-DATERANGE on the wall-clock timeline the EXT-X-PROGRAM-DATE-TIME tags give.
 */
final class HlsPlaylists {
  /** The presentation's start on the program date timeline: fixed, so a made directory never changes. */
  static final Instant PROGRAM_START = Instant.parse("2026-01-01T00:00:00Z");
  static final String AD_CLASS = "com.cowatch.ad";
  /**
   * The splice-out an ad inserter writes (SCTE-35 in hex): players hand it on as the mark of an ad break (hls.js in
   * the range's attributes, video.js as a cue; video.js makes cues only of such attributes, not of CLASS). The bytes
   * are a placeholder of the message's shape; no player here decodes them.
   */
  static final String SCTE35_OUT = "0xFC301100000000000000FFF0000500000000000000";
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** One segment as ffmpeg listed it: its path from hls/ and its length. */
  private record Segment(String uri, double seconds, long bytes) {}

  private HlsPlaylists() {}

  static void write(AdaptiveStreams streams, List<List<Path>> encoded) throws IOException, InterruptedException {
    Path hls = Files.createDirectories(streams.dir().resolve("hls"));
    List<Part> parts = streams.parts();
    StringBuilder master = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    for (int r = 0; r < AdaptiveStreams.RENDITIONS.size(); r++) {
      Rendition rendition = AdaptiveStreams.RENDITIONS.get(r);
      List<List<Segment>> byPart = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) byPart.add(cut(hls, parts.get(i), rendition, encoded.get(i).get(r)));
      Files.writeString(hls.resolve(rendition.name() + ".m3u8"), media(streams, parts, byPart));
      double peak = 0;
      double bits = 0;
      double seconds = 0;
      for (List<Segment> segments : byPart) {
        for (Segment s : segments) {
          // The last segment of a part is short; its rate says little about the peak a player must sustain.
          if (s.seconds() >= AdaptiveStreams.SEGMENT_SECONDS - 0.1) peak = Math.max(peak, s.bytes() * 8 / s.seconds());
          bits += s.bytes() * 8;
          seconds += s.seconds();
        }
      }
      master.append(String.format(Locale.ROOT,
          "#EXT-X-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d,RESOLUTION=%dx%d,FRAME-RATE=%d.000,CODECS=\"%s\"\n%s.m3u8\n",
          Math.round(peak), Math.round(bits / seconds), rendition.width(), rendition.height(), AdaptiveStreams.FPS,
          AdaptiveStreams.CODECS, rendition.name()));
    }
    Files.writeString(streams.hlsManifest(), master);
  }

  /** One part of one rendition in 2 s segments under hls/<part>/, as ffmpeg lists them. */
  private static List<Segment> cut(Path hls, Part part, Rendition r, Path input) throws IOException, InterruptedException {
    Path folder = Files.createDirectories(hls.resolve(part.id()));
    Path playlist = folder.resolve(r.name() + ".m3u8");
    AdaptiveStreams.run("the HLS part " + part.id() + " " + r.name(), List.of(AdaptiveStreams.FFMPEG.toString(), "-nostdin", "-y",
        "-v", "error", "-i", input.toString(), "-c", "copy", "-f", "hls", "-hls_time", String.valueOf(AdaptiveStreams.SEGMENT_SECONDS),
        "-hls_playlist_type", "vod", "-hls_segment_filename", folder.resolve(r.name() + "-%05d.ts").toString(), playlist.toString()));
    List<Segment> segments = new ArrayList<>();
    double seconds = -1;
    for (String line : Files.readAllLines(playlist)) {
      if (line.startsWith("#EXTINF:")) {
        seconds = Double.parseDouble(line.substring("#EXTINF:".length(), line.indexOf(',')));
      } else if (!line.isBlank() && !line.startsWith("#")) {
        segments.add(new Segment(part.id() + "/" + line, seconds, Files.size(folder.resolve(line))));
      }
    }
    Files.delete(playlist);
    return segments;
  }

  private static String media(AdaptiveStreams streams, List<Part> parts, List<List<Segment>> byPart) {
    double longest = byPart.stream().flatMap(List::stream).mapToDouble(Segment::seconds).max().orElse(0);
    StringBuilder m = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n")
        .append("#EXT-X-TARGETDURATION:").append((long) Math.ceil(longest)).append('\n')
        .append("#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n");
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      if (i > 0) m.append("#EXT-X-DISCONTINUITY\n");
      m.append("#EXT-X-PROGRAM-DATE-TIME:").append(date(part.startMs())).append('\n');
      if (part.ad()) {
        m.append("#EXT-X-DATERANGE:ID=\"").append(part.id()).append("\",CLASS=\"").append(AD_CLASS).append("\",START-DATE=\"")
            .append(date(part.startMs())).append("\",DURATION=").append(AdaptiveStreams.seconds(streams.adDurationMs()))
            .append(",SCTE35-OUT=").append(SCTE35_OUT).append('\n');
      }
      for (Segment s : byPart.get(i)) {
        m.append(String.format(Locale.ROOT, "#EXTINF:%.6f,\n", s.seconds())).append(s.uri()).append('\n');
      }
    }
    return m.append("#EXT-X-ENDLIST\n").toString();
  }

  /** ISO 8601 with milliseconds, as the HLS spec's examples write them. */
  static String date(long presentationMs) {
    return DATE.format(PROGRAM_START.plusMillis(presentationMs));
  }
}
