-- Slow mode (issue 56, chat at crowd scale): in a room with one, each person may write one line per
-- slow_mode_seconds; the room's staff are exempt. No row: off.
CREATE TABLE room_chat_settings (
  room_id           VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES rooms (id) ON DELETE CASCADE,
  slow_mode_seconds INTEGER     NOT NULL,
  set_by            VARCHAR(40) NOT NULL,
  set_at            BIGINT      NOT NULL
);
-- A writer's last line in a room, asked for each line while slow mode is on.
CREATE INDEX chat_messages_by_writer ON chat_messages (room_id, user_id, created_at);
