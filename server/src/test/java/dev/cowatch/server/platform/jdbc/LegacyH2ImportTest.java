package dev.cowatch.server.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.audit.AuditAction;
import dev.cowatch.server.audit.AuditEntry;
import dev.cowatch.server.audit.AuditVerifier;
import dev.cowatch.server.audit.JdbcAuditLog;
import dev.cowatch.server.chat.ChatMessage;
import dev.cowatch.server.chat.jdbc.JdbcChatRepository;
import dev.cowatch.server.room.jdbc.JdbcRoomRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory from a Cowatch that stored in H2 opens on SQLite with everything in it. */
class LegacyH2ImportTest {
  private static final long T0 = 1_700_000_000_000L;
  @TempDir Path dir;

  @Test
  void an_old_h2_store_is_copied_once_with_ids_chains_and_flags_intact() throws Exception {
    String head;
    try (Database h2 = Database.open(DatabaseConfig.legacyH2(dir))) {
      new JdbcRoomRepository(h2.jdbi()).insert(Room.create(new RoomId("room1"), RoomSettings.defaults("Kino", 5_000),
          Roster.ownedBy(new UserId("u-owen"), "Owen", true, T0), "https://example.com/a.mp4", T0), null, T0);
      var chat = new JdbcChatRepository(h2.jdbi());
      for (int i = 0; i < 5; i++) chat.append(new ChatMessage(0, "room1", "u-owen", "m-1", "Owen", "line " + i, T0 + i));
      JdbcAuditLog audit = new JdbcAuditLog(h2, Clock.systemUTC());
      for (int i = 0; i < 3; i++) {
        audit.append(new AuditEntry(AuditAction.MEMBER_KICKED, "u-owen", "room:room1", Map.of("user", "u-" + i), null));
      }
      head = ((AuditVerifier.Intact) audit.verify()).headHash();
    }
    assertThat(dir.resolve(LegacyH2Import.LEGACY_FILE)).exists();

    try (Database sqlite = Database.open(DatabaseConfig.embedded(dir))) {
      assertCopied(sqlite, head);
    }
    assertThat(dir.resolve(LegacyH2Import.LEGACY_FILE)).doesNotExist();
    assertThat(dir.resolve(LegacyH2Import.IMPORTED_FILE)).exists();

    // A crash between the copy's commit and the rename (or the old file put back): never copied twice.
    Files.move(dir.resolve(LegacyH2Import.IMPORTED_FILE), dir.resolve(LegacyH2Import.LEGACY_FILE));
    try (Database sqlite = Database.open(DatabaseConfig.embedded(dir))) {
      assertCopied(sqlite, head);
    }
    assertThat(dir.resolve(LegacyH2Import.LEGACY_FILE)).as("left for the operator").exists();
  }

  private static void assertCopied(Database sqlite, String head) {
    var rooms = new JdbcRoomRepository(sqlite.jdbi());
    Room room = rooms.load(new RoomId("room1")).orElseThrow();
    assertThat(room.settings().name()).isEqualTo("Kino");
    assertThat(room.roster().entries().get(new UserId("u-owen")).guest()).isTrue();
    var chat = new JdbcChatRepository(sqlite.jdbi());
    assertThat(chat.page("room1", null, 10)).extracting(ChatMessage::text)
        .containsExactly("line 0", "line 1", "line 2", "line 3", "line 4");
    long newest = chat.page("room1", null, 1).getFirst().id();
    long next = chat.append(new ChatMessage(0, "room1", "u-owen", "m-1", "Owen", "after", T0 + 9)).id();
    assertThat(next).as("ids go on after the copied ones").isGreaterThan(newest);
    chat.delete("room1", next, "u-owen", T0 + 10);
    var verdict = new JdbcAuditLog(sqlite, Clock.systemUTC()).verify();
    assertThat(verdict).isInstanceOf(AuditVerifier.Intact.class);
    assertThat(((AuditVerifier.Intact) verdict).headHash()).isEqualTo(head);
  }
}
