package dev.cowatch.server.media.probe;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How ffprobe and ffmpeg open an uploaded file. An upload is untrusted input to a parser that can follow references:
 * an HLS playlist or a concat list makes ffmpeg open other local files or URLs (and a transcode would copy them into
 * the output video). So only plain file access is allowed and only the demuxers of real media formats.
 */
final class InputArgs {
  /**
   * Demuxers allowed to open an upload. A demuxer matches when any part of its comma-separated name is listed
   * ("mov" admits {@code mov,mp4,m4a,3gp,3g2,mj2}). Left out on purpose: hls, dash, concat, ffconcat, tee, lavfi,
   * and the other formats that open further inputs. image2 is kept so a photo is named as such: it reads file
   * sequences only for names with % patterns, which stored upload names never have.
   */
  static final String DEMUXERS = String.join(",",
      "mov", "matroska", "avi", "mpeg", "mpegts", "asf", "flv", "ogg", "nut", "mxf", "dv", "rm", "ivf", "obu",
      "h264", "hevc", "m4v", "mpegvideo", "vc1", "yuv4mpegpipe", "wtv", "gif",
      "mp3", "aac", "wav", "flac", "caf", "w64",
      "image2", "png_pipe", "jpeg_pipe", "webp_pipe", "bmp_pipe", "tiff_pipe", "gif_pipe");

  private static final Pattern NOT_ON_WHITELIST = Pattern.compile("\\[([\\w,]+) @ [^]]*] Format not on whitelist");

  private InputArgs() {}

  /** The options that go before the input, and the input itself ({@code file:} so no name reads as a protocol or an option). */
  static List<String> input(Path file) {
    return List.of("-protocol_whitelist", "file", "-format_whitelist", DEMUXERS, "-i", fileUrl(file));
  }

  static String fileUrl(Path file) {
    return "file:" + file.toAbsolutePath();
  }

  /**
   * The last line ffmpeg wrote to stderr, without the server's file path (users see it); or the refused format's
   * name when that was the reason.
   */
  static String reason(String stderr, Path file) {
    Matcher refused = NOT_ON_WHITELIST.matcher(stderr);
    if (refused.find()) return "its format (" + refused.group(1) + ") is not one Cowatch accepts";
    String last = lastLine(stderr).orElse("no reason given");
    String url = fileUrl(file);
    last = last.replace(url + ": ", "").replace(url, "the file")
        .replace(file.toAbsolutePath() + ": ", "").replace(file.toAbsolutePath().toString(), "the file");
    return last;
  }

  private static Optional<String> lastLine(String text) {
    String[] lines = text.strip().split("\\R");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank()) return Optional.of(lines[i].strip());
    }
    return Optional.empty();
  }
}
