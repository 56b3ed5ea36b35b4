package dev.cowatch.server.chat.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.chat.ChatMessage;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.room.jdbc.JdbcRoomRepository;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcChatRepositoryTest {
  private static final long T0 = 1_700_000_000_000L;

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
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

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void system_lines_reactions_and_mutes(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      new JdbcRoomRepository(d.jdbi()).insert(Room.create(new RoomId("room1"), RoomSettings.defaults("r", 5_000),
          Roster.ownedBy(new UserId("u-owen"), "Owen", false, T0), null, T0), null, T0);
      var chat = new JdbcChatRepository(d.jdbi());
      var event = new dev.cowatch.server.chat.ChatEvent(dev.cowatch.server.chat.ChatEvent.Type.PAUSE, "Owen", 751_000L);
      long system = chat.append(new ChatMessage(0, "room1", "u-owen", "m-1", "Owen", event.english(), T0, event,
          java.util.Map.of())).id();
      long line = chat.append(new ChatMessage(0, "room1", "u-owen", "m-1", "Owen", "hi", T0 + 1)).id();

      assertThat(chat.react(line, "u-bob", "X", true, T0 + 2)).containsEntry("X", java.util.List.of("u-bob"));
      assertThat(chat.react(line, "u-bob", "X", true, T0 + 3)).as("once per person").containsEntry("X",
          java.util.List.of("u-bob"));
      chat.react(line, "u-owen", "X", true, T0 + 4);
      chat.react(line, "u-owen", "Y", true, T0 + 5);
      assertThat(chat.emojiCount(line)).isEqualTo(2);
      assertThat(chat.react(line, "u-owen", "Y", false, T0 + 6)).doesNotContainKey("Y");

      var page = chat.page("room1", null, 10);
      assertThat(page).extracting(ChatMessage::id).containsExactly(system, line);
      assertThat(page.get(0).event()).isEqualTo(event);
      assertThat(page.get(0).isSystem()).isTrue();
      assertThat(page.get(1).reactions()).containsEntry("X", java.util.List.of("u-bob", "u-owen"));

      assertThat(chat.mutedUntil("room1", "u-bob")).isEmpty();
      chat.mute("room1", "u-bob", T0 + 60_000, "u-owen", T0);
      assertThat(chat.mutedUntil("room1", "u-bob")).hasValue(T0 + 60_000);
      chat.mute("room1", "u-bob", null, "u-owen", T0);
      assertThat(chat.mutedUntil("room1", "u-bob")).hasValue(Long.MAX_VALUE);
      assertThat(chat.unmute("room1", "u-bob")).isTrue();
      assertThat(chat.unmute("room1", "u-bob")).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void slow_mode_and_a_writers_last_line(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      new JdbcRoomRepository(d.jdbi()).insert(Room.create(new RoomId("room1"), RoomSettings.defaults("r", 5_000),
          Roster.ownedBy(new UserId("u-owen"), "Owen", false, T0), null, T0), null, T0);
      var chat = new JdbcChatRepository(d.jdbi());
      assertThat(chat.slowModeSeconds("room1")).as("off unless set").isZero();
      chat.setSlowMode("room1", 30, "u-owen", T0);
      chat.setSlowMode("room1", 45, "u-owen", T0 + 1);
      assertThat(chat.slowModeSeconds("room1")).isEqualTo(45);
      assertThat(chat.slowModeSeconds("room2")).isZero();
      chat.setSlowMode("room1", 0, "u-owen", T0 + 2);
      assertThat(chat.slowModeSeconds("room1")).isZero();

      assertThat(chat.lastLineAt("room1", "u-bob")).isEmpty();
      chat.append(new ChatMessage(0, "room1", "u-bob", "m-2", "Bob", "one", T0 + 10));
      chat.append(new ChatMessage(0, "room1", "u-bob", "m-2", "Bob", "two", T0 + 20));
      chat.append(new ChatMessage(0, "room1", "u-owen", "m-1", "Owen", "mine", T0 + 30));
      var joined = new dev.cowatch.server.chat.ChatEvent(dev.cowatch.server.chat.ChatEvent.Type.JOINED, "Bob", null);
      chat.append(new ChatMessage(0, "room1", "u-bob", "m-2", "Bob", joined.english(), T0 + 40, joined, java.util.Map.of()));
      assertThat(chat.lastLineAt("room1", "u-bob")).as("a system line about him is not his").hasValue(T0 + 20);
      assertThat(chat.lastLineAt("other", "u-bob")).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void lines_appended_together_keep_their_order_and_are_stored_all_or_none(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      new JdbcRoomRepository(d.jdbi()).insert(Room.create(new RoomId("room1"), RoomSettings.defaults("r", 5_000),
          Roster.ownedBy(new UserId("u-owen"), "Owen", false, T0), null, T0), null, T0);
      var chat = new JdbcChatRepository(d.jdbi());
      var joined = new dev.cowatch.server.chat.ChatEvent(dev.cowatch.server.chat.ChatEvent.Type.JOINED, "Ann", null);
      java.util.List<ChatMessage> batch = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        batch.add(new ChatMessage(0, "room1", "u-" + i, "m-" + i, "Viewer " + i, joined.english(), T0 + i, joined,
            java.util.Map.of()));
      }

      var stored = chat.appendAll(batch);

      assertThat(stored).extracting(ChatMessage::memberId).containsExactly("m-0", "m-1", "m-2", "m-3", "m-4");
      assertThat(stored).extracting(ChatMessage::id).isSorted().doesNotHaveDuplicates().doesNotContain(0L);
      assertThat(chat.page("room1", null, 10)).extracting(ChatMessage::id)
          .containsExactlyElementsOf(stored.stream().map(ChatMessage::id).toList());

      var broken = new java.util.ArrayList<>(batch);
      broken.add(new ChatMessage(0, "no-such-room", "u-9", "m-9", "Nobody", "x", T0, null, java.util.Map.of()));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> chat.appendAll(broken)).isInstanceOf(RuntimeException.class);
      assertThat(chat.page("room1", null, 20)).as("the batch that failed left nothing").hasSize(5);
      assertThat(chat.appendAll(java.util.List.of())).isEmpty();
    }
  }
}
