package dev.cowatch.server.media.subtitle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.client.ClientListener;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import dev.cowatch.server.http.Api;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The room's subtitle track over the WebSocket: chosen, checked, broadcast, reset, kept across a restart. */
class SubtitleOverSocketTest {
  private static final byte[] SRT = "00:00:01,000 --> 00:00:02,000\nHi\n".getBytes(StandardCharsets.UTF_8);

  private static MediaItem film(TestServer ts) throws Exception {
    return ts.server().media().library().importFile(TestServer.OWNER.userId(), "Film", "film.mp4", "video/mp4",
        new ByteArrayInputStream(new byte[8]), 8);
  }

  private static String track(TestServer ts, MediaItem m) {
    return ts.server().media().subtitles().upload(TestServer.OWNER.userId(), m.id(), "English", "en", SRT).track().id();
  }

  private static List<ServerMessage.Subtitle> subtitles(RawSocket s) {
    return s.messages(ServerMessage.Subtitle.class);
  }

  @Test
  void aChoiceReachesEveryone_newcomersSeeIt_andANewMediaResetsIt() throws Exception {
    try (TestServer ts = new TestServer()) {
      MediaItem film = film(ts);
      String english = track(ts, film);
      RoomId room = ts.createRoom(film.roomMediaId());
      try (RawSocket ann = RawSocket.open(ts.wsUri(room.value())); RawSocket bob = RawSocket.open(ts.wsUri(room.value()));
           Api api = new Api(ts)) {
        ServerMessage.Joined annJoined = ann.hello("Ann");
        // Bob has an account, so he is a member and may change the media; Ann is an anonymous guest.
        bob.helloWithToken("Bob", api.account("Bob").token());
        assertThat(annJoined.room().subtitle()).isNull();

        ann.send("{\"type\":\"subtitle\",\"track\":\"" + english + "\",\"ref\":\"s1\"}");
        Timings.within(RawSocket.WAIT).until(() -> subtitles(bob).size() == 1);
        assertThat(subtitles(bob).getFirst()).isEqualTo(new ServerMessage.Subtitle(english, annJoined.memberId()));
        Timings.within(RawSocket.WAIT).until(() -> subtitles(ann).size() == 1);
        assertThat(ts.server().rooms().service().find(room).orElseThrow().subtitleTrack()).isEqualTo(english);

        try (RawSocket cat = RawSocket.open(ts.wsUri(room.value()))) {
          assertThat(cat.hello("Cat").room().subtitle()).isEqualTo(english);
        }

        bob.send("{\"type\":\"subtitle\",\"track\":null}");
        Timings.within(RawSocket.WAIT).until(() -> subtitles(ann).size() == 2);
        assertThat(subtitles(ann).get(1).track()).isNull();
        assertThat(ann.texts()).anyMatch(t -> t.equals("{\"type\":\"subtitle\",\"track\":null,\"memberId\":\""
            + subtitles(ann).get(1).memberId() + "\"}"));

        ann.send("{\"type\":\"subtitle\",\"track\":\"" + english + "\"}");
        Timings.within(RawSocket.WAIT).until(() -> subtitles(bob).size() == 3);
        long version = ts.server().rooms().service().find(room).orElseThrow().timeline().version();
        // Bob may not put someone else's upload here; any other media resets the track just the same.
        bob.send("{\"type\":\"setMedia\",\"version\":" + version + ",\"mediaId\":\"https://example.org/other.mp4\"}");
        Timings.within(RawSocket.WAIT).until(() -> subtitles(ann).size() == 4);
        assertThat(subtitles(ann).get(3).track()).as("a new media starts without").isNull();
        assertThat(ts.server().rooms().service().find(room).orElseThrow().subtitleTrack()).isNull();

        // The old media's track is not the new media's.
        ann.send("{\"type\":\"subtitle\",\"track\":\"" + english + "\",\"ref\":\"old\"}");
        assertThat(ann.awaitError("invalid_argument").ref()).isEqualTo("old");
      }
    }
  }

  @Test
  void badChoices_areRefusedWithACode_andChangeNothing() throws Exception {
    try (TestServer ts = new TestServer()) {
      MediaItem film = film(ts);
      track(ts, film);
      RoomId room = ts.createRoom(film.roomMediaId());
      RoomId strict = ts.createRoom(RoomSettings.defaults("Strict", 5_000).withControlMode(ControlMode.MODERATORS),
          film.roomMediaId());
      try (RawSocket ann = RawSocket.open(ts.wsUri(room.value()));
           RawSocket guest = RawSocket.open(ts.wsUri(strict.value()))) {
        ann.send("{\"type\":\"subtitle\",\"track\":null,\"ref\":\"early\"}");
        assertThat(ann.awaitError("hello_required").ref()).isEqualTo("early");
        ann.hello("Ann");
        ann.send("{\"type\":\"subtitle\",\"track\":\"nosuchtrack23\",\"ref\":\"a\"}");
        assertThat(ann.awaitError("invalid_argument").ref()).isEqualTo("a");
        ann.send("{\"type\":\"subtitle\",\"track\":\"../../etc\",\"ref\":\"b\"}");
        Timings.within(RawSocket.WAIT).until(() -> ann.errors("invalid_argument").size() == 2);
        ann.send("{\"type\":\"subtitle\",\"track\":5}");
        assertThat(ann.awaitError("invalid_field").message()).contains("'track'");

        guest.hello("Guest");
        guest.send("{\"type\":\"subtitle\",\"track\":null,\"ref\":\"g\"}");
        assertThat(guest.awaitError("not_allowed").ref()).isEqualTo("g");
        assertThat(subtitles(ann)).isEmpty();
        assertThat(subtitles(guest)).isEmpty();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#bothForServers")
  void theRoomsTrack_outlivesARestart(Function<Path, TestDatabases.ForServer> database) throws Exception {
    Path dir = TestServer.tempDir();
    TestDatabases.ForServer db = database.apply(dir);
    try {
      RoomId room;
      String english;
      try (TestServer first = new TestServer(dir, db.config())) {
        MediaItem film = film(first);
        english = track(first, film);
        room = first.createRoom(film.roomMediaId());
        CowatchClient ann = first.joined(room, "Ann");
        List<String> heard = new CopyOnWriteArrayList<>();
        ann.addListener(new ClientListener() {
          @Override
          public void onSubtitle(String track, String memberId) {
            heard.add(track + " by " + memberId);
          }
        });
        ann.subtitle(english);
        // The client keeps the track before it tells its listeners: wait for both.
        Timings.within(RawSocket.WAIT).until(() -> english.equals(ann.subtitle()) && !heard.isEmpty());
        assertThat(heard).containsExactly(english + " by " + ann.memberId());
      }
      try (TestServer second = new TestServer(dir, db.config())) {
        assertThat(second.server().rooms().service().find(room).orElseThrow().subtitleTrack()).isEqualTo(english);
        CowatchClient bob = second.joined(room, "Bob");
        assertThat(bob.subtitle()).isEqualTo(english);
        assertThat(bob.room().subtitle()).isEqualTo(english);
      }
    } finally {
      db.dispose().run();
    }
  }
}
