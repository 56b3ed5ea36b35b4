package dev.cowatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Timeline;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sync frame rules, from the vectors web/test/syncFrames.test.ts runs on syncFrames.ts too. */
class SyncFramesVectorsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Numbers by value: {@code 1} and {@code 1.0} are the same number to JSON.parse. */
  private static final Comparator<JsonNode> BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
      ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1;

  private static JsonNode file() throws IOException {
    try (InputStream in = SyncFramesVectorsTest.class.getResourceAsStream("/p2p/sync-frame-vectors.json")) {
      return MAPPER.readTree(in);
    }
  }

  static Stream<Named<JsonNode>> cases() throws IOException {
    List<Named<JsonNode>> out = new ArrayList<>();
    for (JsonNode c : file().get("cases")) out.add(Named.of(c.get("name").asText(), c));
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void decode_followsTheSharedVectors(JsonNode c) throws IOException {
    Optional<SyncFrame> decoded = SyncFrames.decode(c.get("text").asText());
    JsonNode expect = c.get("expect");
    if (expect.isNull()) {
      assertThat(decoded).isEmpty();
      return;
    }
    assertThat(decoded).isPresent();
    SyncFrame frame = decoded.get();
    String encoded = SyncFrames.encode(frame);
    assertThat(MAPPER.readTree(encoded).equals(BY_VALUE, expect)).as("%s is %s", encoded, expect).isTrue();
    assertThat(SyncFrames.decode(encoded)).contains(frame);
    // What syncFrames.ts's encodeFrame writes for this frame (JSON.stringify of expect) reads the same here.
    assertThat(SyncFrames.decode(MAPPER.writeValueAsString(expect))).contains(frame);
  }

  @Test
  void theVectorsCoverEveryFrameBothWays() throws IOException {
    List<JsonNode> all = cases().map(Named::getPayload).toList();
    assertThat(all).hasSizeGreaterThan(40);
    for (String t : List.of("ping", "pong", "hello", "intent", "timeline", "refused", "chat")) {
      assertThat(all).as(t).anyMatch(c -> c.get("expect").path("t").asText().equals(t));
    }
    assertThat(all).anyMatch(c -> c.get("expect").isNull());
  }

  @Test
  void theConstantsAreTheVectors() throws IOException {
    JsonNode k = file().get("constants");
    assertThat(SyncFrame.SYNC_PURPOSE).isEqualTo(k.get("SYNC_PURPOSE").asText());
    assertThat(SyncFrame.MAX_MESH).isEqualTo(k.get("MAX_MESH").asInt());
    assertThat(SyncFrame.MAX_FRAME_CHARS).isEqualTo(k.get("MAX_FRAME_CHARS").asInt());
    assertThat(SyncFrame.MAX_FRAMES_PER_SECOND).isEqualTo(k.get("MAX_FRAMES_PER_SECOND").asInt());
  }

  @Test
  void decode_mapsToTheDomain() {
    Timeline t = new Timeline(null, PlaybackState.WAITING, 2, -2, 0.25, 9);
    assertThat(SyncFrames.decode("{\"t\":\"refused\",\"ref\":\"r\",\"code\":\"conflict\",\"timeline\":"
        + "{\"state\":\"waiting\",\"anchorPositionMs\":1.5,\"anchorTimeMs\":-2.5,\"rate\":0.25,\"version\":9}}"))
        .contains(new SyncFrame.Refused("r", "conflict", t));
    assertThat(SyncFrames.decode("{\"t\":\"hello\",\"memberId\":\"m\",\"role\":\"host\",\"serverVersion\":3,\"lost\":true}"))
        .contains(new SyncFrame.Hello("m", Role.MODERATOR, 3, true));
    assertThat(SyncFrames.decode("{\"t\":\"intent\",\"intent\":{\"type\":\"pause\",\"version\":4},\"ref\":\"r\"}"))
        .contains(new SyncFrame.IntentFrame(new Intent.Pause(4, null), "r"));
  }

  @Test
  void encode_writesTheTypeScriptFieldNames() {
    Timeline t = new Timeline("file:x", PlaybackState.PLAYING, 5, 6, 1.0, 7);
    assertThat(SyncFrames.encode(new SyncFrame.TimelineFrame(t, 3, "", "", "server"))).isEqualTo(
        "{\"t\":\"timeline\",\"timeline\":{\"mediaId\":\"file:x\",\"state\":\"playing\",\"anchorPositionMs\":5,"
            + "\"anchorTimeMs\":6,\"rate\":1.0,\"version\":7},\"base\":3,\"by\":\"\",\"cause\":{\"memberId\":\"\",\"intent\":\"server\"}}");
    assertThat(SyncFrames.encode(new SyncFrame.IntentFrame(new Intent.Seek(2, 900), "r1")))
        .isEqualTo("{\"t\":\"intent\",\"intent\":{\"type\":\"seek\",\"version\":2,\"positionMs\":900},\"ref\":\"r1\"}");
  }

  @Test
  void anIntentFrameNeverChangesTheMedia() {
    assertThatThrownBy(() -> new SyncFrame.IntentFrame(new Intent.SetMedia(1, "file:x"), "r"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decode_neverThrows() {
    assertThat(SyncFrames.decode(null)).isEmpty();
    for (String s : new String[] {"", " ", "{\"t\":null}", "{\"t\":\"timeline\",\"timeline\":[],\"cause\":[]}", "\u0000", "{\"t\"}"}) {
      assertThat(SyncFrames.decode(s)).as(s).isEmpty();
    }
  }
}
