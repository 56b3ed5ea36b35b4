package dev.cowatch.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.AdminIntent;
import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.platform.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rooms outlive the process: a restarted server finds them as they were, a playing one paused. */
class RoomDurabilityTest {

  @Test
  void a_room_comes_back_after_a_restart_with_its_settings_roles_and_where_playback_had_reached() throws Exception {
    Path dir = TestServer.tempDir();
    RoomId id;
    UserId viewer;
    long reachedMs;
    try (TestServer first = new TestServer(dir, Tolerances.DEFAULTS, Limits.DEFAULTS)) {
      id = first.createRoom(RoomSettings.defaults("Durable", 5_000).withControlMode(ControlMode.MODERATORS), "film.mp4");
      RoomService rooms = first.server().rooms().service();
      CowatchClient other = first.joined(id, "Viewer");
      viewer = rooms.find(id).orElseThrow().member(new dev.cowatch.core.room.MemberId(other.memberId())).orElseThrow()
          .userId();
      rooms.administer(id, TestServer.OWNER.userId(), new AdminIntent.ChangeRole(viewer, Role.MODERATOR),
          Optional.empty());
      other.play(); // allowed only because it is a moderator now
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
          .until(() -> rooms.find(id).orElseThrow().timeline().state() == PlaybackState.PLAYING);
      Thread.sleep(1_500); // let it play a little

      reachedMs = Math.round(rooms.find(id).orElseThrow().timeline().positionAt(System.currentTimeMillis()));
    }
    try (TestServer second = new TestServer(dir, Tolerances.DEFAULTS, Limits.DEFAULTS)) {
      Room back = second.server().rooms().service().find(id).orElseThrow();

      assertThat(back.settings().name()).isEqualTo("Durable");
      assertThat(back.settings().controlMode()).isEqualTo(ControlMode.MODERATORS);
      assertThat(back.roster().owner()).isEqualTo(TestServer.OWNER.userId());
      assertThat(back.roster().entry(viewer).orElseThrow().role()).isEqualTo(Role.MODERATOR);
      assertThat(back.timeline().state()).isEqualTo(PlaybackState.PAUSED);
      assertThat(back.timeline().mediaId()).isEqualTo("film.mp4");
      // Saved at shutdown, a moment after it was read above.
      assertThat(back.timeline().anchorPositionMs()).isBetween(reachedMs, reachedMs + 1_000);
      assertThat(back.members()).isEmpty();

      CowatchClient again = second.joined(id, "Back");
      assertThat(again.timeline()).isEqualTo(back.timeline());
    }
  }

  @Test
  void an_acknowledged_timeline_is_stored_before_anyone_sees_it() throws Exception {
    try (TestServer server = new TestServer()) {
      RoomId id = server.createRoom("film.mp4");
      CowatchClient ann = server.joined(id, "Ann");
      ann.play();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
          .until(() -> ann.timeline().state() == PlaybackState.PLAYING);
      ann.pause(1_234L);
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
          .until(() -> ann.timeline().state() == PlaybackState.PAUSED);
      var acknowledged = ann.timeline();

      // At once, not after the background checkpoint: a crash now must find this pause.
      Room stored = new dev.cowatch.server.room.jdbc.JdbcRoomRepository(server.server().database().jdbi()).load(id).orElseThrow();

      assertThat(stored.timeline().anchorPositionMs()).isEqualTo(acknowledged.anchorPositionMs());
      // The repository hands a stored room back on the next version: past what was acknowledged.
      assertThat(stored.timeline().version()).isEqualTo(acknowledged.version() + 1);
    }
  }

  @Test
  void a_room_loaded_again_stores_its_new_version_so_a_crash_cannot_hand_it_out_twice() throws Exception {
    Path dir = TestServer.tempDir();
    RoomId id;
    try (TestServer first = new TestServer(dir, Tolerances.DEFAULTS, Limits.DEFAULTS)) {
      id = first.createRoom("film.mp4");
    }
    try (TestServer second = new TestServer(dir, Tolerances.DEFAULTS, Limits.DEFAULTS)) {
      long live = second.joined(id, "Ann").timeline().version();

      // What a restart after a crash at this moment would load.
      long afterCrash = new dev.cowatch.server.room.jdbc.JdbcRoomRepository(second.server().database().jdbi()).load(id).orElseThrow().timeline().version();

      assertThat(afterCrash).isGreaterThan(live);
    }
  }
}
