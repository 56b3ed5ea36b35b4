package dev.cowatch.server.syncplay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.RoomId;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyncplayRoomRefTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "k3m8q2x7pa|k3m8q2x7pa|-",
      "  k3m8q2x7pa  |k3m8q2x7pa|-",
      "k3m8q2x7pa:secret pass|k3m8q2x7pa|secret pass",
      "k3m8q2x7pa:|k3m8q2x7pa|-",
      "http://localhost:8080/r/k3m8q2x7pa|k3m8q2x7pa|-",
      "https://watch.example.org/r/k3m8q2x7pa/|k3m8q2x7pa|-",
      "https://watch.example.org:8443/r/k3m8q2x7pa?x=1:pw|k3m8q2x7pa|pw",
      "https://watch.example.org/r/k3m8q2x7pa:a:b|k3m8q2x7pa|a:b"})
  void parse_codeOrLink_optionallyWithPassword(String field, String room, String password) {
    assertThat(SyncplayRoomRef.parse(field)).contains(new SyncplayRoomRef(new RoomId(room), password));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Movie night", "abc", "https://example.org/film.mp4", "+room:ABCDEFGHIJKL", ":pw"})
  void parse_aNameOrAnythingElse_findsNoRoom(String field) {
    assertThat(SyncplayRoomRef.parse(field)).isEqualTo(Optional.empty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"k3m8q2x7pa:secret"})
  void shownName_neverCarriesThePassword(String field) {
    assertThat(SyncplayRoomRef.parse(field).orElseThrow().shownName()).isEqualTo("k3m8q2x7pa");
  }
}
