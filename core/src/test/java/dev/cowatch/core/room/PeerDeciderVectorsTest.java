package dev.cowatch.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.core.Tolerances;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The peer-decider vectors on the room's own decision function and on {@link PeerDecider}: the acting
 * authority (Java's PeerDecider, and the web app's web/src/p2p/peerDecider.ts, run on the same file by
 * web/test/peerDecider.test.ts) decides peers' intents exactly as the server would have.
 */
class PeerDeciderVectorsTest {
  static final Path FILE = Path.of("src/test/resources/sync/peer-decider-vectors.json");
  private static final String FILM = "https://example.com/film.mp4";
  private static final MemberId ANN = new MemberId("m-ann");

  static Stream<Named<JsonNode>> cases() throws IOException {
    List<Named<JsonNode>> out = new ArrayList<>();
    for (JsonNode c : new ObjectMapper().readTree(FILE.toFile()).path("cases")) out.add(Named.of(c.path("name").asText(), c));
    return out.stream();
  }

  private static Timeline timeline(JsonNode t) {
    String media = t.has("mediaId") && t.path("mediaId").isNull() ? null : FILM;
    return new Timeline(media, PlaybackState.valueOf(t.path("state").asText().toUpperCase(Locale.ROOT)),
        t.path("anchorPositionMs").asLong(), t.path("anchorTimeMs").asLong(), t.path("rate").asDouble(),
        t.path("version").asLong());
  }

  private static Intent.Control intent(JsonNode i) {
    long v = i.path("version").asLong();
    return switch (i.path("type").asText()) {
      case "play" -> new Intent.Play(v);
      case "pause" -> new Intent.Pause(v, i.has("positionMs") ? i.path("positionMs").asLong() : null);
      case "seek" -> new Intent.Seek(v, i.path("positionMs").asLong());
      case "setRate" -> new Intent.SetRate(v, i.path("rate").asDouble());
      default -> throw new AssertionError("unknown intent " + i);
    };
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theRoomDecidesAsTheVectorSays(JsonNode vector) {
    RoomDecider decider = new RoomDecider(Tolerances.DEFAULTS);
    Room room = Room.create(new RoomId("peer-vectors"), RoomSettings.defaults("Peers", 5_000),
        Roster.ownedBy(new UserId("u-ann"), "Ann", false, 0), FILM, 0);
    room = decider.decide(room, ANN, new Intent.Join("Ann", new UserId("u-ann"), false), 0).room();
    room = room.withTimeline(timeline(vector.path("timeline")));

    Decision d = decider.decide(room, ANN, intent(vector.path("intent")), vector.path("now").asLong());

    JsonNode expect = vector.path("expect");
    if (expect.isTextual() && expect.asText().equals("unchanged")) {
      assertThat(d.isRejected()).isFalse();
      assertThat(d.events()).isEmpty();
    } else if (expect.isTextual()) {
      assertThat(d.isRejected()).isTrue();
      assertThat(d.rejection().code().name().toLowerCase(Locale.ROOT)).isEqualTo(expect.asText());
    } else {
      assertThat(d.isRejected()).as("rejected: %s", d.rejection()).isFalse();
      assertThat(d.room().timeline()).isEqualTo(timeline(expect.path("timeline")));
    }
  }

  /** Round trip 0: the lead is the minimum, as in a room whose members report none. */
  @ParameterizedTest
  @MethodSource("cases")
  void thePeerDeciderDecidesAsTheVectorSays(JsonNode vector) {
    PeerDecision d = PeerDecider.decide(timeline(vector.path("timeline")), intent(vector.path("intent")),
        vector.path("now").asLong(), 0, Tolerances.DEFAULTS);

    JsonNode expect = vector.path("expect");
    if (expect.isTextual() && expect.asText().equals("unchanged")) {
      assertThat(d).isEqualTo(new PeerDecision.Unchanged());
    } else if (expect.isTextual()) {
      assertThat(d).isInstanceOfSatisfying(PeerDecision.Refused.class,
          r -> assertThat(r.code().name().toLowerCase(Locale.ROOT)).isEqualTo(expect.asText()));
    } else {
      assertThat(d).isEqualTo(new PeerDecision.Changed(timeline(expect.path("timeline"))));
    }
  }
}
