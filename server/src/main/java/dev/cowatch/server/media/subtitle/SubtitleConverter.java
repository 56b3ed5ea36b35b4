package dev.cowatch.server.media.subtitle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Turns an uploaded subtitle file (SRT or WebVTT, in any encoding {@link TextDecoding} reads) into
 * a safe UTF-8 WebVTT file with the same timings. Pure: bytes in, text out.
 */
public final class SubtitleConverter {
  /** The result: the WebVTT text and what became of the upload, to tell the person who sent it. */
  public record Converted(String vtt, int cues, String sourceFormat, String sourceCharset, List<String> warnings) {
    public byte[] bytes() {
      return vtt.getBytes(StandardCharsets.UTF_8);
    }
  }

  private final SubtitleLimits limits;

  public SubtitleConverter(SubtitleLimits limits) {
    this.limits = limits;
  }

  public Converted convert(byte[] file) {
    if (file.length > limits.maxFileBytes()) {
      throw new SubtitleException("a subtitle file may be at most " + limits.maxFileBytes() + " bytes");
    }
    TextDecoding.Decoded decoded = TextDecoding.decode(file);
    List<String> lines = Arrays.asList(decoded.text().split("\r\n|\r|\n", -1));
    String format;
    ParsedCues parsed;
    if (VttParser.looksLikeVtt(lines)) {
      format = "vtt";
      parsed = VttParser.parse(lines, limits.maxCues());
    } else if (SrtParser.looksLikeSrt(lines)) {
      format = "srt";
      parsed = SrtParser.parse(lines, limits.maxCues());
    } else {
      throw new SubtitleException("neither SRT nor WebVTT: a WebVTT file starts with 'WEBVTT', and an SRT file has "
          + "timing lines such as '00:00:01,000 --> 00:00:02,500'");
    }
    if (parsed.cues().isEmpty()) throw new SubtitleException("the file has no cues");
    String vtt = VttWriter.write(parsed.cues());
    if (vtt.getBytes(StandardCharsets.UTF_8).length > limits.maxConvertedBytes()) {
      throw new SubtitleException("the converted file would be larger than " + limits.maxConvertedBytes() + " bytes");
    }
    return new Converted(vtt, parsed.cues().size(), format, decoded.charset(), parsed.warnings());
  }
}
