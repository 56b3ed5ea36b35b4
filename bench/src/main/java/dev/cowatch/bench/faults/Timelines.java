package dev.cowatch.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** A timeline as the checker compares it: every field but the version, in one text. */
final class Timelines {
  private Timelines() {}

  static String canonical(JsonNode timeline) {
    return String.format(Locale.ROOT, "%s|%s|%d|%d|%s", timeline.path("state").asText(),
        timeline.path("mediaId").asText(""), timeline.path("anchorPositionMs").asLong(),
        timeline.path("anchorTimeMs").asLong(), timeline.path("rate").asText());
  }
}
