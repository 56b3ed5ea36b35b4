-- Chat's system lines (who joined, left, paused where), emoji reactions on lines, and mutes.
-- A system line keeps what happened as JSON (type, name, position) so clients word it in their
-- language; its body is an English rendering for clients that do not.
ALTER TABLE chat_messages ADD COLUMN kind VARCHAR(16) DEFAULT 'user' NOT NULL;
ALTER TABLE chat_messages ADD COLUMN event VARCHAR(1000);

CREATE TABLE chat_reactions (
  message_id BIGINT      NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
  user_id    VARCHAR(40) NOT NULL,
  emoji      VARCHAR(16) NOT NULL,
  created_at BIGINT      NOT NULL,
  PRIMARY KEY (message_id, user_id, emoji)
);

-- A muted user may not write or react in the room until until_at (NULL: until unmuted).
CREATE TABLE room_mutes (
  room_id    VARCHAR(64) NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  user_id    VARCHAR(40) NOT NULL,
  until_at   BIGINT,
  muted_by   VARCHAR(40) NOT NULL,
  created_at BIGINT      NOT NULL,
  PRIMARY KEY (room_id, user_id)
);
