package dev.cowatch.server.media.probe;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whether browsers can play a file as it is, after a conversion, or not at all. Pure.
 *
 * <p>"Browser-safe" means every current desktop and mobile browser plays it in a {@code <video>} element: H.264
 * (8-bit 4:2:0), VP9 or AV1 in MP4/MOV with AAC, MP3 or Opus; VP8, VP9 or AV1 in WebM with Opus or Vorbis. A
 * Matroska file whose codecs are WebM's plays when served as {@code video/webm}, so it counts as WebM. HEVC is left
 * out on purpose: Chrome and Firefox decode it only where the hardware can.
 *
 * @param message one sentence for the uploader, saying why
 * @param contentType the type to serve the file as, when it is {@link Verdict#PLAYABLE}
 */
public record Playability(Verdict verdict, String message, Optional<String> contentType) {

  public enum Verdict {
    /** Store and serve as it is. */
    PLAYABLE,
    /** A video, but browsers cannot play it: convert it to H.264/AAC MP4 first. */
    NEEDS_TRANSCODE,
    /** Not something Cowatch plays: refuse the upload with the message. */
    REJECTED,
    /** Not checked (ffprobe is missing): store as it is, and say so. */
    UNCHECKED
  }

  public static final String MP4 = "video/mp4";
  public static final String WEBM = "video/webm";

  private static final Set<String> MP4_VIDEO = Set.of("h264", "vp9", "av1");
  private static final Set<String> MP4_AUDIO = Set.of("aac", "mp3", "opus");
  private static final Set<String> WEBM_VIDEO = Set.of("vp8", "vp9", "av1");
  private static final Set<String> WEBM_AUDIO = Set.of("opus", "vorbis");
  // Browsers decode 8-bit 4:2:0 H.264 only (no High 10, no 4:2:2/4:4:4); yuvj420p is the full-range spelling.
  private static final Set<String> H264_PIXEL_FORMATS = Set.of("yuv420p", "yuvj420p", "");
  private static final Set<String> IMAGE_CODECS =
      Set.of("png", "mjpeg", "jpeg2000", "bmp", "webp", "gif", "tiff", "jpegls", "qoi", "apng");
  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("h264", "H.264"), Map.entry("hevc", "HEVC (H.265)"), Map.entry("vp8", "VP8"), Map.entry("vp9", "VP9"),
      Map.entry("av1", "AV1"), Map.entry("mpeg2video", "MPEG-2"), Map.entry("mpeg1video", "MPEG-1"),
      Map.entry("mpeg4", "MPEG-4 Part 2 (XviD/DivX)"), Map.entry("wmv3", "WMV"), Map.entry("vc1", "VC-1"),
      Map.entry("aac", "AAC"), Map.entry("mp3", "MP3"), Map.entry("opus", "Opus"), Map.entry("vorbis", "Vorbis"),
      Map.entry("ac3", "AC-3"), Map.entry("eac3", "E-AC-3"), Map.entry("dts", "DTS"), Map.entry("truehd", "TrueHD"),
      Map.entry("flac", "FLAC"), Map.entry("mp2", "MP2"), Map.entry("png", "PNG"), Map.entry("mjpeg", "JPEG"));

  public Playability {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(contentType, "contentType");
  }

  /** A probe result: an unreadable file is rejected, an unchecked one stays unchecked. */
  public static Playability assess(ProbeResult result) {
    return switch (result) {
      case ProbeResult.Probed p -> assess(p.info());
      case ProbeResult.Unreadable u -> rejected("This file cannot be read as a video: " + u.reason() + ".");
      case ProbeResult.Unchecked u -> new Playability(Verdict.UNCHECKED, u.reason(), Optional.empty());
    };
  }

  public static Playability assess(MediaInfo info) {
    if (isImage(info)) {
      String codec = info.video().map(MediaInfo.VideoStream::codec).orElse("image");
      return rejected("This is a still image (" + name(codec) + "), not a video.");
    }
    if (info.video().isEmpty()) {
      String codec = info.audio().map(MediaInfo.AudioStream::codec).orElse("unknown");
      return rejected("This is an audio file (" + name(codec) + ") with no picture: Cowatch plays videos.");
    }
    if (info.durationMs() == 0) return rejected("The video has no length: it is empty or its length cannot be read.");
    MediaInfo.VideoStream video = info.video().get();
    if (video.width() <= 0 || video.height() <= 0) return rejected("The video's picture size cannot be read.");

    Optional<String> audio = info.audio().map(MediaInfo.AudioStream::codec);
    if (info.containerIs("mp4", "mov")
        && MP4_VIDEO.contains(video.codec())
        && audio.map(MP4_AUDIO::contains).orElse(true)) {
      if (video.codec().equals("h264") && !H264_PIXEL_FORMATS.contains(video.pixelFormat())) {
        return transcode("H.264 in " + video.pixelFormat() + (video.profile().isEmpty() ? "" : " (" + video.profile() + ")")
            + " does not play in browsers");
      }
      return new Playability(Verdict.PLAYABLE, "Browsers play this video as it is.", Optional.of(MP4));
    }
    if (info.containerIs("webm", "matroska")
        && WEBM_VIDEO.contains(video.codec())
        && audio.map(WEBM_AUDIO::contains).orElse(true)) {
      return new Playability(Verdict.PLAYABLE, "Browsers play this video as it is.", Optional.of(WEBM));
    }
    return transcode(describe(info) + " does not play in every browser");
  }

  /** What the file holds, for people: "HEVC (H.265) video with AC-3 audio in Matroska (MKV)". */
  public static String describe(MediaInfo info) {
    String video = info.video().map(v -> name(v.codec()) + " video").orElse("no video");
    return video + info.audio().map(a -> " with " + name(a.codec()) + " audio").orElse("") + " in "
        + containerName(info);
  }

  private static boolean isImage(MediaInfo info) {
    for (String part : info.container().split(",")) {
      if (part.endsWith("_pipe") || part.equals("image2")) return true;
    }
    return info.durationMs() == 0 && info.video().map(v -> IMAGE_CODECS.contains(v.codec())).orElse(false);
  }

  private static Playability rejected(String message) {
    return new Playability(Verdict.REJECTED, message, Optional.empty());
  }

  private static Playability transcode(String why) {
    return new Playability(Verdict.NEEDS_TRANSCODE, why + ": it will be converted to H.264/AAC MP4.", Optional.empty());
  }

  private static String name(String codec) {
    return NAMES.getOrDefault(codec, codec.isEmpty() ? "unknown" : codec);
  }

  private static String containerName(MediaInfo info) {
    if (info.containerIs("mp4", "mov")) return "MP4/MOV";
    if (info.containerIs("matroska")) return "Matroska (MKV)";
    if (info.containerIs("avi")) return "AVI";
    if (info.containerIs("mpeg")) return "MPEG-PS";
    if (info.containerIs("mpegts")) return "MPEG-TS";
    if (info.containerIs("asf")) return "ASF (WMV)";
    if (info.containerIs("flv")) return "FLV";
    return info.container().isEmpty() ? "an unknown container" : info.container();
  }
}
