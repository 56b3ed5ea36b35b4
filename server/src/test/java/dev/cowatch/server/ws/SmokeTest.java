package dev.cowatch.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void pauseFromOneMember_reachesAll() {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("video.mp4");
      CowatchClient a = ts.joined(room, "a");
      CowatchClient b = ts.joined(room, "b");
      a.play();
      await().atMost(Duration.ofSeconds(2)).until(() -> b.timeline().state() == PlaybackState.PLAYING);
      b.pause(null);
      await().atMost(Duration.ofSeconds(2)).until(() -> a.timeline().state() == PlaybackState.PAUSED);
      assertThat(a.members()).hasSize(2);
      assertThat(Math.abs(a.clockOffsetMs())).isLessThan(5);
    }
  }
}
