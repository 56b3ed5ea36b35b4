package dev.cowatch.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class CowatchClientTest {
  @Test
  void socketUri_followsTheServerScheme() {
    assertThat(CowatchClient.socketUri(URI.create("http://127.0.0.1:8080"), "abcd"))
        .isEqualTo(URI.create("ws://127.0.0.1:8080/ws/rooms/abcd"));
    assertThat(CowatchClient.socketUri(URI.create("https://watch.example.org/"), "abcd"))
        .isEqualTo(URI.create("wss://watch.example.org/ws/rooms/abcd"));
  }

  @Test
  void socketUri_refusesOtherSchemes() {
    assertThatThrownBy(() -> CowatchClient.socketUri(URI.create("ftp://x"), "abcd"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
