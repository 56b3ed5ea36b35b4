package dev.cowatch.server.media.subtitle;

import java.util.List;

/** Writes cues as a WebVTT file: the header, then each cue's timing, settings and text. */
final class VttWriter {
  private VttWriter() {}

  static String write(List<Cue> cues) {
    StringBuilder sb = new StringBuilder("WEBVTT\n");
    for (Cue c : cues) {
      sb.append('\n').append(CueTimes.vtt(c.startMs())).append(" --> ").append(CueTimes.vtt(c.endMs()));
      if (!c.settings().isEmpty()) sb.append(' ').append(c.settings());
      sb.append('\n');
      if (!c.text().isEmpty()) sb.append(c.text()).append('\n');
    }
    return sb.toString();
  }
}
