package dev.cowatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.protocol.ServerMessage.CauseView;
import dev.cowatch.protocol.ServerMessage.MemberView;
import dev.cowatch.protocol.ServerMessage.RoomView;
import dev.cowatch.protocol.ServerMessage.TimelineView;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonCodecTest {
  private final JsonCodec codec = new JsonCodec();

  static Stream<ClientMessage> clientMessages() {
    return Stream.of(
        new ClientMessage.Hello(1, "Ann", null, null),
        new ClientMessage.Hello(1, "Ann", "tok-123", "eyJ.jwt.sig"),
        new ClientMessage.Ping(1_795_000_000_123L),
        new ClientMessage.Play(3L, "r1"),
        new ClientMessage.Pause(4L, 61_250L, null),
        new ClientMessage.Pause(4L, null, "r2"),
        new ClientMessage.Seek(5L, 120_000L, null),
        new ClientMessage.SetRate(6L, 1.25, null),
        new ClientMessage.SetMedia(7L, "https://example.org/film.mp4", null),
        new ClientMessage.Buffering(8L, null),
        new ClientMessage.Ready(8L, null),
        new ClientMessage.Report(-12.5, 88.0),
        new ClientMessage.Report(31.0, 40.0, 2, 1),
        new ClientMessage.Chat("<b>hi</b> @Bo", "c1"),
        new ClientMessage.ChatHistory(null),
        new ClientMessage.ChatHistory(120L),
        new ClientMessage.ChatDelete(7L, null),
        new ClientMessage.Bye());
  }

  @ParameterizedTest
  @MethodSource("clientMessages")
  void clientMessage_roundTrips(ClientMessage message) throws ProtocolException {
    assertThat(codec.decodeClient(codec.encode(message))).isEqualTo(message);
  }

  static Stream<ServerMessage> serverMessages() {
    TimelineView timeline = new TimelineView("film.mp4", "playing", 61_250, 1_795_000_000_400L, 1.0, 9);
    MemberView member = new MemberView("m-1", "u-ann1", "Ann", "owner", "connected", "ready", 3.5, 90.0);
    return Stream.of(
        new ServerMessage.Joined("m-1", "tok", false,
            new RoomView("abcd2345", "Movie night", "unlisted", false, true, "everyone", "waitForAll", 5_000, 50, "u-ann1",
                timeline, List.of(member), 1, null, List.of(new ServerMessage.QueueItemView("q-1", "media:abc", "Next"))),
            1_795_000_000_000L),
        new ServerMessage.TimelineUpdate(timeline, new CauseView("m-1", "play", "Ann")),
        new ServerMessage.TimelineUpdate(timeline, new CauseView(null, "waitTimeout", null)),
        new ServerMessage.Presence(List.of(member, new MemberView("m-2", "g-bo22", "Bo", "member", "disconnected", "catchingUp", null, null)), 2),
        new ServerMessage.Presence(List.of(member), 240),
        new ServerMessage.PresenceChanges(List.of(member), List.of("m-2"), List.of(), 1),
        new ServerMessage.PresenceChanges(List.of(member), List.of(), List.of("m-7", "m-8"), 240),
        new ServerMessage.SettingsUpdate(new ServerMessage.SettingsView("Movie night", "private", true, false,
            "moderators", "neverWait", 0, 10)),
        new ServerMessage.Pong(1, 2, 3),
        new ServerMessage.Error("conflict", "the timeline changed", "r1", timeline),
        new ServerMessage.Error("malformed_json", "not valid JSON", null, null),
        new ServerMessage.Chat(new ServerMessage.ChatView(12, "m-1", "u-ann1", "Ann", "hello\nthere", 1_795_000_000_000L)),
        new ServerMessage.ChatHistory(List.of(new ServerMessage.ChatView(11, "m-2", "g-bo22", "Bo", "hi", 1L)), true),
        new ServerMessage.ChatDeleted(11),
        new ServerMessage.Bye("left"));
  }

  @ParameterizedTest
  @MethodSource("serverMessages")
  void serverMessage_roundTrips(ServerMessage message) throws ProtocolException {
    assertThat(codec.decodeServer(codec.encode(message))).isEqualTo(message);
  }

  @Test
  void presenceChanges_replaceInPlace_addAtTheEnd_andDropWhoLeft() {
    MemberView ann = new MemberView("m-1", "u-ann1", "Ann", "owner", "connected", "ready", null, null);
    MemberView bo = new MemberView("m-2", "g-bo22", "Bo", "member", "connected", "ready", null, null);
    MemberView cy = new MemberView("m-3", "g-cy33", "Cy", "guest", "connected", "ready", null, null);
    MemberView boAway = new MemberView("m-2", "g-bo22", "Bo", "member", "disconnected", "ready", null, null);
    MemberView dee = new MemberView("m-4", "g-dee4", "Dee", "guest", "connected", "ready", null, null);
    var changes = new ServerMessage.PresenceChanges(List.of(dee, boAway), List.of("m-1", "m-9"), List.of(), 3);
    assertThat(changes.applyTo(List.of(ann, bo, cy), "m-3")).containsExactly(boAway, cy, dee);
    assertThat(new ServerMessage.PresenceChanges(null, null, null, 1).applyTo(List.of(ann), "m-1")).containsExactly(ann);
  }

  @Test
  void unlistedMembers_leaveTheList_butAClientKeepsItsOwnEntry() {
    MemberView ann = new MemberView("m-1", "u-ann1", "Ann", "owner", "connected", "ready", null, null);
    MemberView bo = new MemberView("m-2", "g-bo22", "Bo", "member", "connected", "buffering", null, null);
    MemberView cy = new MemberView("m-3", "g-cy33", "Cy", "guest", "connected", "buffering", null, null);
    var bothReady = new ServerMessage.PresenceChanges(List.of(), List.of(), List.of("m-2", "m-3"), 300);
    assertThat(bothReady.applyTo(List.of(ann, bo, cy), "m-3")).containsExactly(ann, cy);
    MemberView cyReady = new MemberView("m-3", "g-cy33", "Cy", "guest", "connected", "ready", null, null);
    var toCyAlone = new ServerMessage.PresenceChanges(List.of(cyReady), List.of(), List.of(), 300);
    assertThat(toCyAlone.applyTo(List.of(ann, cy), "m-3")).containsExactly(ann, cyReady);

    var whole = new ServerMessage.Presence(List.of(ann, bo), 300);
    assertThat(whole.listFor("m-3", List.of(ann, cyReady))).containsExactly(ann, bo, cyReady);
    assertThat(whole.listFor("m-2", List.of(ann))).containsExactly(ann, bo);
    assertThat(whole.listFor("m-4", List.of(ann))).as("nothing of its own to keep").containsExactly(ann, bo);
  }

  @Test
  void presenceChanges_omitUnlistedWhenNone() {
    assertThat(codec.encode(new ServerMessage.PresenceChanges(List.of(), List.of("m-2"), List.of(), 4)))
        .isEqualTo("{\"type\":\"presenceChanges\",\"members\":[],\"left\":[\"m-2\"],\"memberCount\":4}");
  }

  @Test
  void encode_namesTheTypeAndOmitsNulls() {
    assertThat(codec.encode(new ClientMessage.Pause(4L, null, null))).isEqualTo("{\"type\":\"pause\",\"version\":4}");
    assertThat(codec.encode(new ServerMessage.Pong(1, 2, 3))).isEqualTo("{\"type\":\"pong\",\"t0\":1,\"t1\":2,\"t2\":3}");
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of("{\"type\":\"play\",", WireError.MALFORMED_JSON, "not valid JSON"),
        Arguments.of("", WireError.MALFORMED_JSON, "JSON object"),
        Arguments.of("{\"version\":1}", WireError.UNKNOWN_TYPE, "'type'"),
        Arguments.of("{\"type\":\"dance\",\"version\":1}", WireError.UNKNOWN_TYPE, "'dance'"),
        Arguments.of("{\"type\":\"play\",\"version\":\"5\"}", WireError.INVALID_FIELD, "'version'"),
        Arguments.of("{\"type\":\"play\",\"version\":1.5}", WireError.INVALID_FIELD, "'version'"),
        Arguments.of("{\"type\":\"play\",\"version\":true}", WireError.INVALID_FIELD, "'version'"),
        Arguments.of("{\"type\":\"seek\",\"version\":1,\"positionMs\":\"x\"}", WireError.INVALID_FIELD, "'positionMs'"),
        Arguments.of("{\"type\":\"seek\",\"version\":1}", WireError.INVALID_FIELD, "'positionMs' is required"),
        Arguments.of("{\"type\":\"play\"}", WireError.INVALID_FIELD, "'version' is required"),
        Arguments.of("{\"type\":\"hello\",\"protocol\":1,\"name\":7}", WireError.INVALID_FIELD, "'name'"),
        Arguments.of("[\"play\",{\"version\":1}]", WireError.MALFORMED_JSON, "one JSON object"),
        Arguments.of("42", WireError.MALFORMED_JSON, "one JSON object"),
        Arguments.of("{\"type\":\"hello\",\"protocol\":1,\"name\":true}", WireError.INVALID_FIELD, "'name'"),
        Arguments.of("{\"type\":\"play\",\"version\":1,\"ref\":2.5}", WireError.INVALID_FIELD, "'ref'"),
        Arguments.of("{\"type\":\"setRate\",\"version\":1,\"rate\":\"NaN\"}", WireError.INVALID_FIELD, "'rate'"),
        Arguments.of("{\"type\":\"report\",\"driftMs\":\"Infinity\",\"rttMs\":1}", WireError.INVALID_FIELD, "'driftMs'"),
        Arguments.of("{\"type\":\"play\",\"version\":1,\"version\":2}", WireError.MALFORMED_JSON, "not valid JSON"),
        Arguments.of("{\"type\":\"play\",\"version\":1} {}", WireError.MALFORMED_JSON, "one JSON object"));
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void decodeClient_refusesBadInputWithACodeAndAReason(String json, WireError error, String mentions) {
    assertThatThrownBy(() -> codec.decodeClient(json))
        .isInstanceOfSatisfying(ProtocolException.class, e -> {
          assertThat(e.error()).isEqualTo(error);
          assertThat(e.getMessage()).contains(mentions);
        });
  }

  @Test
  void decodeClient_ignoresFieldsItDoesNotKnow_forNewerClients() throws ProtocolException {
    assertThat(codec.decodeClient("{\"type\":\"play\",\"version\":2,\"mood\":\"happy\"}"))
        .isEqualTo(new ClientMessage.Play(2L, null));
  }

  @Test
  void decodeClient_refusesDeepNesting() {
    String deep = "{\"type\":\"play\",\"version\":1,\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
    assertThatThrownBy(() -> codec.decodeClient(deep)).isInstanceOf(ProtocolException.class);
  }
}
