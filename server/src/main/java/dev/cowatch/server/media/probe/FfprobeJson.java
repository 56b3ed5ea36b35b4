package dev.cowatch.server.media.probe;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Reads the JSON that {@code ffprobe -print_format json -show_format -show_streams} prints. Pure: no process, no
 * file. ffprobe writes most numbers as strings ("1.000000", "N/A"); anything missing or unparsable becomes 0 or "".
 */
public final class FfprobeJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FfprobeJson() {}

  /** {@link ProbeResult.Probed} for a file with at least one audio or video stream, else {@link ProbeResult.Unreadable}. */
  public static ProbeResult parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      return new ProbeResult.Unreadable("ffprobe's answer was not JSON");
    }
    if (root == null || !root.isObject()) return new ProbeResult.Unreadable("ffprobe's answer was not JSON");
    JsonNode format = root.path("format");
    if (!format.isObject()) return new ProbeResult.Unreadable("not a media file (no container was recognised)");

    Optional<MediaInfo.VideoStream> video = Optional.empty();
    Optional<MediaInfo.AudioStream> audio = Optional.empty();
    long longestStreamMs = 0;
    for (JsonNode stream : root.path("streams")) {
      String type = stream.path("codec_type").asText("");
      longestStreamMs = Math.max(longestStreamMs, seconds(stream.path("duration").asText("")));
      if (type.equals("video") && video.isEmpty() && stream.path("disposition").path("attached_pic").asInt(0) == 0) {
        video = Optional.of(video(stream));
      } else if (type.equals("audio") && audio.isEmpty()) {
        audio = Optional.of(new MediaInfo.AudioStream(
            stream.path("codec_name").asText(""), stream.path("channels").asInt(0), intOf(stream.path("sample_rate"))));
      }
    }
    if (video.isEmpty() && audio.isEmpty()) {
      return new ProbeResult.Unreadable("no audio or video stream in the file");
    }
    long durationMs = seconds(format.path("duration").asText(""));
    if (durationMs == 0) durationMs = longestStreamMs;
    return new ProbeResult.Probed(new MediaInfo(format.path("format_name").asText(""), durationMs, video, audio,
        longOf(format.path("bit_rate")), longOf(format.path("size"))));
  }

  private static MediaInfo.VideoStream video(JsonNode stream) {
    double rate = frameRate(stream.path("avg_frame_rate").asText(""));
    if (rate == 0) rate = frameRate(stream.path("r_frame_rate").asText(""));
    return new MediaInfo.VideoStream(stream.path("codec_name").asText(""), stream.path("profile").asText(""),
        stream.path("width").asInt(0), stream.path("height").asInt(0), stream.path("pix_fmt").asText(""), rate);
  }

  /** "12.345678" seconds to whole milliseconds; "N/A", "" or a negative value to 0. */
  static long seconds(String text) {
    try {
      double s = Double.parseDouble(text);
      return Double.isFinite(s) && s > 0 ? Math.round(s * 1000) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** "30000/1001" to 29.97; "0/0", "25" or garbage as best it can, 0 when it cannot. */
  static double frameRate(String text) {
    try {
      int slash = text.indexOf('/');
      if (slash < 0) return Math.max(0, Double.parseDouble(text));
      double num = Double.parseDouble(text.substring(0, slash));
      double den = Double.parseDouble(text.substring(slash + 1));
      return den > 0 && num > 0 ? num / den : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static long longOf(JsonNode node) {
    if (node.isNumber()) return Math.max(0, node.asLong());
    try {
      return Math.max(0, Long.parseLong(node.asText("")));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int intOf(JsonNode node) {
    long value = longOf(node);
    return value > Integer.MAX_VALUE ? 0 : (int) value;
  }
}
