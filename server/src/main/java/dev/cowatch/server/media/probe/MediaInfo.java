package dev.cowatch.server.media.probe;

import java.util.Objects;
import java.util.Optional;

/**
 * What ffprobe found in a file: the container and its first video and first audio stream.
 *
 * @param container ffprobe's format name, a comma-separated list of the demuxer's names, e.g.
 *     {@code mov,mp4,m4a,3gp,3g2,mj2} (MP4 and MOV share it) or {@code matroska,webm} (MKV and WebM share it)
 * @param durationMs 0 when the container gives none (a still image, a raw stream)
 * @param video the first video stream that is not cover art; empty for audio files
 * @param audio the first audio stream
 * @param bitRate bits per second over the whole file; 0 when unknown
 * @param sizeBytes the file's size as ffprobe read it
 */
public record MediaInfo(
    String container,
    long durationMs,
    Optional<VideoStream> video,
    Optional<AudioStream> audio,
    long bitRate,
    long sizeBytes) {

  public MediaInfo {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(video, "video");
    Objects.requireNonNull(audio, "audio");
    if (durationMs < 0) throw new IllegalArgumentException("durationMs must be >= 0");
  }

  /** True when the container is one of {@code names} (e.g. "mp4" matches {@code mov,mp4,m4a,...}). */
  public boolean containerIs(String... names) {
    for (String part : container.split(",")) {
      for (String name : names) {
        if (part.equals(name)) return true;
      }
    }
    return false;
  }

  /**
   * @param codec ffprobe's codec name: h264, hevc, vp8, vp9, av1, mpeg2video, mpeg4 ...
   * @param profile e.g. "High", "Main 10", "0"; empty when the codec has none
   * @param pixelFormat e.g. yuv420p, yuv420p10le; empty when unknown
   * @param frameRate frames per second (the stream's average, else its base rate); 0 when unknown
   */
  public record VideoStream(String codec, String profile, int width, int height, String pixelFormat, double frameRate) {
    public VideoStream {
      Objects.requireNonNull(codec, "codec");
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(pixelFormat, "pixelFormat");
    }
  }

  /**
   * @param codec ffprobe's codec name: aac, mp3, opus, vorbis, ac3, eac3, dts, flac ...
   * @param sampleRate Hz; 0 when unknown
   */
  public record AudioStream(String codec, int channels, int sampleRate) {
    public AudioStream {
      Objects.requireNonNull(codec, "codec");
    }
  }
}
