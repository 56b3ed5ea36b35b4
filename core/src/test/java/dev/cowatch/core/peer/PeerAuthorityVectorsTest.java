package dev.cowatch.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Timeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared peer-authority vectors on the Java rule; web/test/peerAuthority.test.ts runs the same
 * file on the web app's twin, so every member computes the same acting authority.
 */
class PeerAuthorityVectorsTest {
  static final Path FILE = Path.of("src/test/resources/sync/peer-authority-vectors.json");

  static Stream<Named<JsonNode>> cases(String kind) throws IOException {
    List<Named<JsonNode>> out = new ArrayList<>();
    for (JsonNode c : new ObjectMapper().readTree(FILE.toFile()).path(kind)) out.add(Named.of(c.path("name").asText(), c));
    return out.stream();
  }

  static Stream<Named<JsonNode>> authority() throws IOException {
    return cases("authority");
  }

  static Stream<Named<JsonNode>> serverBack() throws IOException {
    return cases("serverBack");
  }

  static Stream<Named<JsonNode>> timelines() throws IOException {
    return cases("timelines");
  }

  private static Timeline timeline(JsonNode t) {
    return t.isNull() ? null : new Timeline(t.path("mediaId").isMissingNode() ? null : t.path("mediaId").asText(),
        PlaybackState.PAUSED, 0, 0, 1.0, t.path("version").asLong());
  }

  /** Whether a peer's timeline is played: the signer's role under the room's control mode, its version, its media. */
  @ParameterizedTest
  @MethodSource("timelines")
  void timelineRefusalIsTheVectors(JsonNode vector) {
    Optional<String> refusal = PeerAuthority.timelineRefusal(
        Role.valueOf(vector.path("signerRole").asText().toUpperCase(Locale.ROOT)), mode(vector),
        timeline(vector.path("timeline")), vector.path("base").asLong(), vector.path("by").asText(),
        timeline(vector.path("current")), vector.path("currentBase").asLong());
    assertThat(refusal).isEqualTo(Optional.ofNullable(vector.path("refused").textValue()));
  }

  private static List<PeerAuthority.Peer> partition(JsonNode vector) {
    List<PeerAuthority.Peer> peers = new ArrayList<>();
    for (JsonNode p : vector.path("partition")) {
      peers.add(new PeerAuthority.Peer(new MemberId(p.path("id").asText()),
          Role.valueOf(p.path("role").asText().toUpperCase(Locale.ROOT))));
    }
    return peers;
  }

  private static ControlMode mode(JsonNode vector) {
    return ControlMode.valueOf(vector.path("controlMode").asText().toUpperCase(Locale.ROOT));
  }

  @ParameterizedTest
  @MethodSource("authority")
  void theOrderIsTheVectors(JsonNode vector) {
    List<String> order = PeerAuthority.order(partition(vector), mode(vector)).stream().map(p -> p.id().value()).toList();
    List<String> expected = new ArrayList<>();
    vector.path("order").forEach(id -> expected.add(id.asText()));
    assertThat(order).isEqualTo(expected);
    assertThat(PeerAuthority.actingAuthority(partition(vector), mode(vector)).map(MemberId::value))
        .isEqualTo(expected.stream().findFirst());
  }

  /** Peers learn of each other in any order: the answer must not depend on it (no split brain). */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2026})
  void theAuthorityDoesNotDependOnTheOrderPeersAreKnownIn(long seed) throws IOException {
    Random random = new Random(seed);
    for (Named<JsonNode> c : authority().toList()) {
      List<PeerAuthority.Peer> peers = partition(c.getPayload());
      var expected = PeerAuthority.actingAuthority(peers, mode(c.getPayload()));
      for (int i = 0; i < 20; i++) {
        Collections.shuffle(peers, random);
        assertThat(PeerAuthority.actingAuthority(peers, mode(c.getPayload()))).as(c.getName()).isEqualTo(expected);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("serverBack")
  void onServerBackIsTheVectors(JsonNode vector) {
    PeerAuthority.Return r = PeerAuthority.onServerBack(vector.path("base").asLong(), vector.path("server").asLong(),
        vector.path("place").asInt());
    switch (vector.path("do").asText()) {
      case "followServer" -> assertThat(r).isInstanceOf(PeerAuthority.Return.FollowServer.class);
      case "wait" -> assertThat(r).isInstanceOf(PeerAuthority.Return.Wait.class);
      case "handBack" -> assertThat(r).isEqualTo(new PeerAuthority.Return.HandBack(vector.path("afterMs").asLong()));
      default -> throw new AssertionError("unknown 'do' in " + vector);
    }
  }
}
