package dev.cowatch.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class RoomMediaTest {
  @Test
  void aUrlRoom_isPlayedFromItsUrl() throws IOException {
    assertThat(RoomMedia.playable("https://media.example.org/night-train.webm")).isEqualTo("https://media.example.org/night-train.webm");
  }

  @Test
  void otherRooms_needTheViewersFile_andSaySo() {
    assertThatThrownBy(() -> RoomMedia.playable("file:1048576:" + "a".repeat(64))).isInstanceOf(IOException.class)
        .hasMessageContaining("own copy").hasMessageContaining("1,048,576 bytes");
    assertThatThrownBy(() -> RoomMedia.playable("magnet:?xt=abc")).hasMessageContaining("does not know how to open");
    assertThatThrownBy(() -> RoomMedia.playable(null)).hasMessageContaining("no video yet");
  }
}
