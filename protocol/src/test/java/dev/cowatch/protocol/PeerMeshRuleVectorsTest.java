package dev.cowatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The mesh rule, from the vectors web/test/meshRule.test.ts runs on meshRule.ts too. */
class PeerMeshRuleVectorsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<Named<JsonNode>> cases() throws IOException {
    try (InputStream in = PeerMeshRuleVectorsTest.class.getResourceAsStream("/p2p/mesh-vectors.json")) {
      List<Named<JsonNode>> out = new ArrayList<>();
      for (JsonNode c : MAPPER.readTree(in).get("cases")) out.add(Named.of(c.get("name").asText(), c));
      return out.stream();
    }
  }

  @Test
  void the_vectors_reach_past_the_mesh_size() throws IOException {
    assertThat(SyncFrame.MAX_MESH).isEqualTo(8);
    assertThat(cases().count()).isGreaterThanOrEqualTo(10);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void sizes_and_pairs_followTheSharedVectors(JsonNode c) {
    List<PeerMeshRule.Seat> members = new ArrayList<>();
    for (JsonNode m : c.get("members")) {
      members.add(new PeerMeshRule.Seat(m.get("id").asText(), m.get("webRtc").asBoolean(), m.get("connected").asBoolean()));
    }
    for (Map.Entry<String, JsonNode> size : c.get("sizes").properties()) {
      assertThat(PeerMeshRule.size(members, size.getKey())).as("size for %s", size.getKey()).isEqualTo(size.getValue().asInt());
    }
    for (JsonNode p : c.get("pairs")) {
      assertThat(PeerMeshRule.pairs(members, p.get(0).asText(), p.get(1).asText())).as("%s offers %s", p.get(0), p.get(1))
          .isEqualTo(p.get(2).asBoolean());
    }
  }
}
