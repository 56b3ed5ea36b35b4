package dev.cowatch.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RoomLinkTest {
  @Test
  void parse_aSharedLink_givesServerAndRoom() {
    RoomLink l = RoomLink.parse("https://cowatch.example:8443/r/k3m8q2x7pa");
    assertThat(l.server()).isEqualTo(URI.create("https://cowatch.example:8443"));
    assertThat(l.roomId()).isEqualTo("k3m8q2x7pa");
    assertThat(l.link()).isEqualTo("https://cowatch.example:8443/r/k3m8q2x7pa");
  }

  @Test
  void parse_toleratesATrailingSlashAndSpaces() {
    assertThat(RoomLink.parse("  http://127.0.0.1:8080/r/abc/ ").roomId()).isEqualTo("abc");
  }

  @Test
  void parse_refusesWhatIsNotARoomLink() {
    for (String bad : new String[] {"", "k3m8q2x7pa", "ftp://x/r/abc", "https://x/rooms/abc", "https://x/r/", "https://x/r/a b",
        "https:///r/abc", "https://x/r/abc/extra"}) {
      assertThatThrownBy(() -> RoomLink.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("link");
    }
  }
}
