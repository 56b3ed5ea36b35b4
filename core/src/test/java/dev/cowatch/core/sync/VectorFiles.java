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
    List<Named<JsonNode>> out = new ArrayList<>();
    for (JsonNode c : new ObjectMapper().readTree(file.toFile()).path("cases")) out.add(Named.of(c.path("name").asText(), c));
    return out.stream();
  }
}
