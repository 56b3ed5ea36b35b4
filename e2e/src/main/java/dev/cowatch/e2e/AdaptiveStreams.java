package dev.cowatch.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A film with one ad break in the middle, as adaptive streams (three renditions, 2 s segments) in both of
 * the forms streaming sites use: DASH with one Period per part ({@code dash/manifest.mpd}: film-1, ad-1,
 * film-2, the ad marked by an EventStream) and HLS with a discontinuity around the ad
 * ({@code hls/master.m3u8}, the ad marked by an EXT-X-DATERANGE). Made with ffmpeg at test time, so nothing
 * large is kept in the repository; a directory that already holds the same spec is used as it is.
 *
 * <p>The film shows a moving test pattern with its film time and the rendition's name drawn on it, the ad
 * SMPTE bars with "AD"; the film parts are cut from one continuous film, so the film time drawn continues
 * across the ad. Every rendition has a keyframe exactly every 2 s, so segments line up across renditions.
 */
public final class AdaptiveStreams {
  /** One quality of the video; {@code name} is also the prefix of its segment files. */
  public record Rendition(String name, int width, int height, int videoKbps) {}

  /** The film's length, where the ad starts in film time, and the ad's length, all in milliseconds. */
  public record Spec(long filmMs, long adStartMs, long adMs) {
    public static final Spec DEFAULT = new Spec(60_000, 20_000, 6_000);

    public Spec {
      if (adStartMs <= 0 || adStartMs >= filmMs || adMs <= 0) {
        throw new IllegalArgumentException("the ad must start inside the film: " + adStartMs + " of " + filmMs + " ms");
      }
    }
  }

  /** One part of the presentation, in order; its id is the DASH Period's id and the folder of its segments. */
  record Part(String id, long startMs, long durationMs, boolean ad) {}

  /**
   * Bitrates of a typical low/middle/high ladder. 426x240 is not quite 16:9; it is shown at 16:9 (sample
   * aspect 640:639), as ffmpeg's DASH muxer wants one picture aspect in an adaptation set.
   */
  public static final List<Rendition> RENDITIONS = List.of(
      new Rendition("240p", 426, 240, 250), new Rendition("360p", 640, 360, 700), new Rendition("540p", 960, 540, 1600));
  static final int FPS = 24;
  static final int SEGMENT_SECONDS = 2;
  static final int AUDIO_KBPS = 64;
  /** H.264 main profile, level 3.1 (what the encode forces: {@code -profile:v main -level 3.1}), and AAC-LC. */
  static final String CODECS = "avc1.4d401f,mp4a.40.2";
  /** Bump when the recipe changes, so directories made by an older one are made again. */
  private static final String RECIPE = "v4";
  private static final String SPEC_FILE = "spec.txt";
  static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
  private static final List<Path> FONTS = List.of(Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
      Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), Path.of("/usr/share/fonts/dejavu/DejaVuSans.ttf"));

  private final Path dir;
  private final Spec spec;

  private AdaptiveStreams(Path dir, Spec spec) {
    this.dir = dir;
    this.spec = spec;
  }

  /** The streams of {@code spec} in {@code dir}: those already there, or made now (tens of seconds for a minute of film). */
  public static AdaptiveStreams make(Path dir, Spec spec) throws IOException, InterruptedException {
    AdaptiveStreams streams = new AdaptiveStreams(dir.toAbsolutePath().normalize(), spec);
    Path specFile = streams.dir.resolve(SPEC_FILE);
    if (Files.isRegularFile(specFile) && Files.readString(specFile).equals(streams.specText())) return streams;
    streams.makeAll();
    return streams;
  }

  public static AdaptiveStreams make(Path dir) throws IOException, InterruptedException {
    return make(dir, Spec.DEFAULT);
  }

  /** The directory {@code dash/} and {@code hls/} are in (what SiteServer serves under /streams/). */
  public Path dir() {
    return dir;
  }

  public Path dashManifest() {
    return dir.resolve("dash/manifest.mpd");
  }

  public Path hlsManifest() {
    return dir.resolve("hls/master.m3u8");
  }

  public Spec spec() {
    return spec;
  }

  /** Where the ad starts in film time (and in presentation time: the film's first part comes before it). */
  public long adStartMs() {
    return spec.adStartMs();
  }

  public long adDurationMs() {
    return spec.adMs();
  }

  public long filmDurationMs() {
    return spec.filmMs();
  }

  /** The whole presentation: film and ad. */
  public long presentationMs() {
    return spec.filmMs() + spec.adMs();
  }

  public List<Rendition> renditions() {
    return RENDITIONS;
  }

  /** Film time at a presentation time: the ad's time maps to where the film stopped. */
  public long filmTimeAt(long presentationMs) {
    long adEnd = spec.adStartMs() + spec.adMs();
    if (presentationMs < spec.adStartMs()) return presentationMs;
    return presentationMs < adEnd ? spec.adStartMs() : presentationMs - spec.adMs();
  }

  List<Part> parts() {
    long adEnd = spec.adStartMs() + spec.adMs();
    return List.of(new Part("film-1", 0, spec.adStartMs(), false), new Part("ad-1", spec.adStartMs(), spec.adMs(), true),
        new Part("film-2", adEnd, spec.filmMs() - spec.adStartMs(), false));
  }

  private String specText() {
    StringBuilder s = new StringBuilder(RECIPE).append(" film=").append(spec.filmMs()).append(" adStart=")
        .append(spec.adStartMs()).append(" ad=").append(spec.adMs());
    for (Rendition r : RENDITIONS) s.append(' ').append(r);
    return s.append('\n').toString();
  }

  private void makeAll() throws IOException, InterruptedException {
    // The spec file goes first and last: a directory without it is half made, whatever else is there.
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve(SPEC_FILE));
    for (String made : List.of("parts", "dash", "hls")) deleteTree(dir.resolve(made));
    Path parts = Files.createDirectories(dir.resolve("parts"));
    List<List<Path>> encoded = new ArrayList<>();
    for (Part part : parts()) {
      List<Path> files = new ArrayList<>();
      for (Rendition r : RENDITIONS) files.add(encode(part, r, parts.resolve(part.id() + "-" + r.name() + ".mp4")));
      encoded.add(files);
    }
    DashPeriods.write(this, encoded);
    HlsPlaylists.write(this, encoded);
    deleteTree(parts);
    Files.writeString(dir.resolve(SPEC_FILE), specText());
  }

  /** One part of one rendition, H.264 (main, no B-frames: each segment starts at its own decode time) and AAC. */
  private Path encode(Part part, Rendition r, Path out) throws IOException, InterruptedException {
    String size = r.width() + "x" + r.height();
    String video;
    String audio;
    if (part.ad()) {
      video = "smptebars=size=" + size + ":rate=" + FPS + ":duration=" + seconds(part.durationMs())
          + text("AD " + r.name(), r.height() / 5, "(w-text_w)/2", "(h-text_h)/2")
          + text("ad %{pts\\:hms}", r.height() / 14, "w-text_w-20", "20");
      audio = "sine=frequency=880:sample_rate=48000:duration=" + seconds(part.durationMs());
    } else {
      // Made from the film's start and cut after the text is drawn, so the second part shows film time, not 0.
      long endMs = part.id().equals("film-1") ? spec.adStartMs() : spec.filmMs();
      long cutMs = part.id().equals("film-1") ? 0 : spec.adStartMs();
      video = "testsrc2=size=" + size + ":rate=" + FPS + ":duration=" + seconds(endMs)
          // Top right: testsrc2 draws its own small clock in the top left corner, players their controls at the bottom.
          + text("film %{pts\\:hms}  " + r.name(), r.height() / 14, "w-text_w-20", "20")
          + ",trim=start=" + seconds(cutMs) + ",setpts=PTS-STARTPTS";
      audio = "sine=frequency=440:sample_rate=48000:duration=" + seconds(endMs)
          + ",atrim=start=" + seconds(cutMs) + ",asetpts=PTS-STARTPTS";
    }
    // Grain fills each rendition to its bitrate: the bare pattern compresses far below it, and a player's
    // bandwidth estimate needs segments of the size their declared bitrate says.
    video += ",noise=alls=12:allf=t";
    String kbps = r.videoKbps() + "k";
    int gop = FPS * SEGMENT_SECONDS;
    run(out.getFileName().toString(), List.of(FFMPEG.toString(), "-nostdin", "-y", "-v", "error",
        "-f", "lavfi", "-i", video, "-f", "lavfi", "-i", audio,
        "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main", "-level", "3.1", "-bf", "0", "-pix_fmt", "yuv420p",
        "-aspect", "16:9", "-g", String.valueOf(gop), "-keyint_min", String.valueOf(gop), "-sc_threshold", "0",
        "-force_key_frames", "expr:gte(t,n_forced*" + SEGMENT_SECONDS + ")",
        "-b:v", kbps, "-maxrate", kbps, "-bufsize", kbps,
        "-c:a", "aac", "-b:a", AUDIO_KBPS + "k", "-ac", "2", "-shortest", out.toString()));
    return out;
  }

  /** A drawtext filter (with its leading comma), or nothing where no font is installed. */
  private static String text(String text, int size, String x, String y) {
    Path font = FONTS.stream().filter(Files::isReadable).findFirst().orElse(null);
    if (font == null) return "";
    return ",drawtext=fontfile=" + font + ":text='" + text + "':fontsize=" + size
        + ":fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=6:x=" + x + ":y=" + y;
  }

  static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
  }

  /** Runs ffmpeg (niced: the machine may be measuring something else) and fails with its output. */
  static void run(String what, List<String> command) throws IOException, InterruptedException {
    List<String> niced = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/nice"))) niced.addAll(List.of("/usr/bin/nice", "-n", "10"));
    niced.addAll(command);
    if (!Files.isExecutable(FFMPEG)) throw new IOException("no ffmpeg at " + FFMPEG + " (scripts/install-tools.sh ffmpeg)");
    Process p = new ProcessBuilder(niced).redirectErrorStream(true).start();
    String output;
    try (InputStream in = p.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("ffmpeg could not make " + what + ": " + output);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
    }
  }
}
