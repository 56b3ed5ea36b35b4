package dev.cowatch.server.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.chat.ChatMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcChatRepositoryTest {
  private static final long T0 = 1_700_000_000_000L;

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.jdbc.TestDatabases#both")
  void pages_go_backwards_oldest_first_and_skip_deleted_lines(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      new JdbcRoomRepository(d.jdbi()).insert(Room.create(new RoomId("room1"), RoomSettings.defaults("r", 5_000),
          Roster.ownedBy(new UserId("u-owen"), "Owen", false, T0), null, T0), null, T0);
      var chat = new JdbcChatRepository(d.jdbi());
      long[] ids = new long[7];
      for (int i = 0; i < 7; i++) {
        ids[i] = chat.append(new ChatMessage(0, "room1", "u-owen", "m-1", "Owen", "line " + i, T0 + i)).id();
      }
      assertThat(ids).isSorted().doesNotHaveDuplicates();

      assertThat(chat.page("room1", null, 3)).extracting(ChatMessage::text).containsExactly("line 4", "line 5", "line 6");
      assertThat(chat.page("room1", ids[4], 3)).extracting(ChatMessage::text).containsExactly("line 1", "line 2", "line 3");
      assertThat(chat.delete("room1", ids[5], "u-owen", T0 + 100)).isTrue();
      assertThat(chat.delete("room1", ids[5], "u-owen", T0 + 101)).as("once").isFalse();
      assertThat(chat.delete("other", ids[6], "u-owen", T0 + 101)).as("only in its room").isFalse();
      assertThat(chat.page("room1", null, 3)).extracting(ChatMessage::text).containsExactly("line 3", "line 4", "line 6");
      assertThat(chat.find("room1", ids[5])).isEmpty();
      assertThat(chat.find("room1", ids[6])).map(ChatMessage::atMs).contains(T0 + 6);
    }
  }
}
