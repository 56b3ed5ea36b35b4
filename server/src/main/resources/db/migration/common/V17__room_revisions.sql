-- Fencing (issue 54): each durable part of a room carries the room revision that last wrote it, and a write at a
-- revision no newer than the stored one changes nothing, so a node that lost its lease while stalled cannot put an
-- older decision back over a newer one. Rows written before this migration are at revision 0. Shared by SQLite and
-- PostgreSQL.

-- The rooms row holds four parts, each written whole: settings, the password hash, the queue and the bans.
ALTER TABLE rooms ADD COLUMN settings_revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN password_revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN queue_revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN bans_revision BIGINT NOT NULL DEFAULT 0;

-- A roster entry is written alone (one join writes one row), so each row carries its own.
ALTER TABLE room_roles ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;

-- When an entry was last removed: without it a late write from before the removal would find no row to compare with
-- and put the entry back. Goes when the user's entry is written again at a later revision.
CREATE TABLE room_roster_removals (
  room_id  VARCHAR(64) NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  user_id  VARCHAR(40) NOT NULL,
  revision BIGINT      NOT NULL,
  PRIMARY KEY (room_id, user_id)
);
