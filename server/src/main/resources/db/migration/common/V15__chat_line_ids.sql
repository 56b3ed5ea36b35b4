-- A client's own name for a chat line (docs/protocol.md 3.8, 3.12): lines written while the server was
-- away are handed back later, perhaps twice; a name is stored once per user and room. NULLs (unnamed
-- lines, system lines) never collide in a unique index, in SQLite and PostgreSQL alike.
ALTER TABLE chat_messages ADD COLUMN line_id VARCHAR(64);
CREATE UNIQUE INDEX chat_messages_by_line ON chat_messages (room_id, user_id, line_id);
