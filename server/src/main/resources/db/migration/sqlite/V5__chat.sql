-- SQLite's twin of ../postgresql/V5__chat.sql: the same but for the id column (MigrationTwinsTest keeps them so).
-- Room chat. Messages are plain text; ids grow per database, so ordering by id is ordering in time.
CREATE TABLE chat_messages (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  room_id      VARCHAR(64)   NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  user_id      VARCHAR(40)   NOT NULL,
  member_id    VARCHAR(40)   NOT NULL,
  display_name VARCHAR(80)   NOT NULL,
  body         VARCHAR(4000) NOT NULL,
  created_at   BIGINT        NOT NULL,
  deleted_at   BIGINT,
  deleted_by   VARCHAR(40)
);
CREATE INDEX chat_messages_by_room ON chat_messages (room_id, id);
