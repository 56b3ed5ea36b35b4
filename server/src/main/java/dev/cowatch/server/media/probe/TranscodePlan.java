package dev.cowatch.server.media.probe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a conversion to browser-safe MP4 must do with each stream, and the ffmpeg command for it. Pure. A stream
 * that is already browser-safe is copied, not re-encoded: an MKV of H.264 and AAC becomes an MP4 in seconds.
 *
 * @param copyVideo H.264 in 8-bit 4:2:0 no larger than 1080p: kept as it is
 * @param audio whether the input has audio at all
 * @param copyAudio AAC or MP3: kept as it is
 * @param downmix more than two channels, re-encoded as stereo (smaller, and every browser plays it)
 */
record TranscodePlan(boolean copyVideo, boolean audio, boolean copyAudio, boolean downmix) {
  /** The long side of 1080p: larger videos are scaled down to fit 1920x1080 (or 1080x1920 when upright). */
  static final int MAX_LONG_SIDE = 1920;
  static final int MAX_SHORT_SIDE = 1080;
  /** x264's visually transparent range is ~18-23 (its default is 23); 22 keeps detail for a shared big screen. */
  static final int CRF = 22;
  static final String AUDIO_BIT_RATE = "160k";

  private static final Set<String> COPYABLE_AUDIO = Set.of("aac", "mp3");
  private static final Set<String> COPYABLE_PIXEL_FORMATS = Set.of("yuv420p", "yuvj420p");

  // Deinterlaces frames flagged interlaced (DVD and TV recordings; progressive frames pass untouched), then fits
  // the picture in the box for its orientation, never scales up, and keeps both sides even (4:2:0 needs it).
  private static final String FILTERS = "yadif=deint=interlaced,scale=w='min(iw,if(gte(iw,ih)," + MAX_LONG_SIDE + "," + MAX_SHORT_SIDE + "))'"
      + ":h='min(ih,if(gte(iw,ih)," + MAX_SHORT_SIDE + "," + MAX_LONG_SIDE + "))'"
      + ":force_original_aspect_ratio=decrease:force_divisible_by=2";

  static TranscodePlan of(MediaInfo info) {
    boolean copyVideo = info.video().map(v -> v.codec().equals("h264")
        && COPYABLE_PIXEL_FORMATS.contains(v.pixelFormat())
        && Math.max(v.width(), v.height()) <= MAX_LONG_SIDE
        && Math.min(v.width(), v.height()) <= MAX_SHORT_SIDE).orElse(false);
    boolean audio = info.audio().isPresent();
    boolean downmix = info.audio().map(a -> a.channels() > 2).orElse(false);
    boolean copyAudio = info.audio().map(a -> COPYABLE_AUDIO.contains(a.codec())).orElse(false) && !downmix;
    return new TranscodePlan(copyVideo, audio, copyAudio, downmix);
  }

  /** The same conversion re-encoding everything: what is tried when copying a stream fails. */
  TranscodePlan encodingAll() {
    return new TranscodePlan(false, audio, false, downmix);
  }

  boolean copiesAnything() {
    return copyVideo || copyAudio;
  }

  List<String> command(Path ffmpeg, Path input, Path output) {
    List<String> c = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel", "error",
        "-nostats", "-progress", "pipe:1"));
    c.addAll(InputArgs.input(input));
    // First video and first audio stream only; subtitles, data and attachments are dropped.
    c.addAll(List.of("-map", "0:v:0", "-map", "0:a:0?", "-sn", "-dn"));
    if (copyVideo) {
      c.addAll(List.of("-c:v", "copy"));
    } else {
      c.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", Integer.toString(CRF), "-pix_fmt", "yuv420p",
          "-vf", FILTERS));
    }
    if (audio) {
      if (copyAudio) {
        c.addAll(List.of("-c:a", "copy"));
      } else {
        c.addAll(List.of("-c:a", "aac", "-b:a", AUDIO_BIT_RATE));
        if (downmix) c.addAll(List.of("-ac", "2"));
      }
    }
    // Sparse audio next to dense video overflows ffmpeg's default muxing queue on some inputs.
    c.addAll(List.of("-max_muxing_queue_size", "1024", "-movflags", "+faststart", "-f", "mp4", "-y",
        output.toAbsolutePath().toString()));
    return c;
  }
}
