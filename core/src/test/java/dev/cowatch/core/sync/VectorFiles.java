package dev.cowatch.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The shared test vector files' cases ({"cases": [{"name": ..., ...}]}), named for the test report. */
final class VectorFiles {
  private VectorFiles() {}

  static Stream<Named<JsonNode>> cases(Path file) throws IOException {
    return cases(file, "cases");
  }

  /** The cases of one section of a file that holds several ({"bounded": [...], "positions": [...]}). */
  static Stream<Named<JsonNode>> cases(Path file, String section) throws IOException {
    List<Named<JsonNode>> out = new ArrayList<>();
    for (JsonNode c : new ObjectMapper().readTree(file.toFile()).path(section)) out.add(Named.of(c.path("name").asText(), c));
    if (out.isEmpty()) throw new IllegalStateException(file + " has no cases under " + section);
    return out.stream();
  }
}
