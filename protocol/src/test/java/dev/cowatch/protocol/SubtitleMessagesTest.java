package dev.cowatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.protocol.ServerMessage.MemberView;
import dev.cowatch.protocol.ServerMessage.RoomView;
import dev.cowatch.protocol.ServerMessage.TimelineView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The room's subtitle choice on the wire: {@code subtitle} both ways and in the room view. */
class SubtitleMessagesTest {
  private final JsonCodec codec = new JsonCodec();

  @Test
  void clientSubtitle_roundTrips_withATrackOrNone() throws ProtocolException {
    for (ClientMessage m : List.of(new ClientMessage.Subtitle("trk2345678", "s1"),
        new ClientMessage.Subtitle(null, null))) {
      assertThat(codec.decodeClient(codec.encode(m))).isEqualTo(m);
    }
  }

  @Test
  void clientSubtitle_readsNullAndAbsentAsNone() throws ProtocolException {
    assertThat(codec.decodeClient("{\"type\":\"subtitle\",\"track\":null}"))
        .isEqualTo(new ClientMessage.Subtitle(null, null));
    assertThat(codec.decodeClient("{\"type\":\"subtitle\"}")).isEqualTo(new ClientMessage.Subtitle(null, null));
    assertThat(codec.decodeClient("{\"type\":\"subtitle\",\"track\":\"abc\",\"ref\":\"r9\"}"))
        .isEqualTo(new ClientMessage.Subtitle("abc", "r9"));
  }

  @Test
  void clientSubtitle_refusesATrackThatIsNotAString() {
    for (String json : List.of("{\"type\":\"subtitle\",\"track\":5}", "{\"type\":\"subtitle\",\"track\":[\"a\"]}",
        "{\"type\":\"subtitle\",\"track\":true}")) {
      try {
        codec.decodeClient(json);
        throw new AssertionError("accepted " + json);
      } catch (ProtocolException e) {
        assertThat(e.error()).as(json).isEqualTo(WireError.INVALID_FIELD);
        assertThat(e.getMessage()).contains("'track'");
      }
    }
  }

  @Test
  void serverSubtitle_alwaysSpellsOutTheTrack_evenWhenOff() throws ProtocolException {
    var on = new ServerMessage.Subtitle("trk2345678", "m-1");
    var off = new ServerMessage.Subtitle(null, "m-1");
    assertThat(codec.encode(on)).isEqualTo("{\"type\":\"subtitle\",\"track\":\"trk2345678\",\"memberId\":\"m-1\"}");
    assertThat(codec.encode(off)).isEqualTo("{\"type\":\"subtitle\",\"track\":null,\"memberId\":\"m-1\"}");
    assertThat(codec.decodeServer(codec.encode(on))).isEqualTo(on);
    assertThat(codec.decodeServer(codec.encode(off))).isEqualTo(off);
  }

  @Test
  void roomView_carriesTheSubtitle_andOmitsItWhenNone() throws ProtocolException {
    TimelineView timeline = new TimelineView("media:abcdefgh23456789", "paused", 0, 1_795_000_000_400L, 1.0, 2);
    MemberView member = new MemberView("m-1", "u-ann1", "Ann", "owner", "connected", "ready", null, null);
    RoomView with = new RoomView("abcd2345", "Subs", "unlisted", false, true, "everyone", "waitForAll", 5_000, 50,
        "u-ann1", timeline, List.of(member), 1, "trk2345678", List.of());
    var joined = new ServerMessage.Joined("m-1", "tok", false, with, 1_795_000_000_000L);
    assertThat(codec.encode(joined)).contains("\"subtitle\":\"trk2345678\"");
    assertThat(codec.decodeServer(codec.encode(joined))).isEqualTo(joined);

    RoomView without = new RoomView("abcd2345", "Subs", "unlisted", false, true, "everyone", "waitForAll", 5_000, 50,
        "u-ann1", timeline, List.of(member), 1, null, List.of());
    assertThat(codec.encode(new ServerMessage.Joined("m-1", "tok", false, without, 1L))).doesNotContain("subtitle");
  }

  @Test
  void wireRoom_carriesTheRoomsTrack() {
    var settings = dev.cowatch.core.room.RoomSettings.defaults("Subs", 5_000);
    var roster = dev.cowatch.core.room.Roster.ownedBy(new dev.cowatch.core.room.UserId("u-ann1"), "Ann", false, 1L);
    var timeline = dev.cowatch.core.room.Timeline.empty(1L);
    var id = new dev.cowatch.core.room.RoomId("abcd2345");
    var room = new dev.cowatch.core.room.Room(id, settings, roster, new dev.cowatch.core.room.Playback(timeline, null, 0),
        List.of(), List.of(), 0);
    assertThat(Wire.room(room.withPlayback(room.playback().withSubtitle("trk2345678"))).subtitle()).isEqualTo("trk2345678");
    assertThat(Wire.room(room).subtitle()).isNull();
  }

  @Test
  void anOlderClient_decodingTheNewRoomView_isUnharmed() throws ProtocolException {
    // Unknown fields are ignored; a room view without the field still decodes (subtitle null).
    String older = "{\"type\":\"joined\",\"memberId\":\"m-1\",\"resumeToken\":\"t\",\"resumed\":false,\"room\":{"
        + "\"id\":\"abcd2345\",\"name\":\"Subs\",\"visibility\":\"public\",\"passwordProtected\":false,"
        + "\"guestsAllowed\":true,\"controlMode\":\"everyone\",\"bufferingPolicy\":\"waitForAll\","
        + "\"bufferWaitTimeoutMs\":5000,\"maxMembers\":50,\"ownerId\":\"u-1\",\"timeline\":{\"state\":\"paused\","
        + "\"anchorPositionMs\":0,\"anchorTimeMs\":1,\"rate\":1.0,\"version\":0},\"members\":[]},\"serverTimeMs\":1}";
    var joined = (ServerMessage.Joined) codec.decodeServer(older);
    assertThat(joined.room().subtitle()).isNull();
    assertThat(joined.room().memberCount()).as("counted from the list, which was everyone").isZero();
  }
}
