package dev.cowatch.server.room.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.StrangerView.Sight;
import dev.cowatch.protocol.ServerMessage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The snapshot's fields as the table for strangers sees them. */
class SnapshotFieldsTest {

  @Test
  void every_field_of_the_snapshot_says_which_thing_of_the_table_it_shows() {
    // A field added to RoomView must be placed in the table deliberately (it stays hidden from strangers until then).
    var components = Arrays.stream(ServerMessage.RoomView.class.getRecordComponents()).map(c -> c.getName()).toList();

    assertThat(SnapshotFields.FIELDS.keySet()).containsExactlyInAnyOrderElementsOf(components);
  }

  @Test
  void a_stranger_sees_only_the_fields_of_their_sight_and_an_unknown_field_only_whole() {
    Map<String, Object> whole = new LinkedHashMap<>();
    whole.put("id", "r1");
    whole.put("name", "Ours");
    whole.put("ownerId", "u1");
    whole.put("timeline", Map.of("mediaId", "media:m1"));
    whole.put("queue", java.util.List.of());
    whole.put("somethingNew", 1);

    assertThat(SnapshotFields.seen(Sight.EXISTS, whole)).containsOnlyKeys("id");
    assertThat(SnapshotFields.seen(Sight.NAMED, whole)).containsOnlyKeys("id", "name");
    assertThat(SnapshotFields.seen(Sight.CARD, whole)).containsOnlyKeys("id", "name", "ownerId");
    assertThat(SnapshotFields.seen(Sight.WHOLE, whole)).isEqualTo(whole);
  }
}
