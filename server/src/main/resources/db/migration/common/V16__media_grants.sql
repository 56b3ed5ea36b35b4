-- Who besides its owner may watch a library item, and put it into a room: the owner's shares.
-- A 'room' grant lets everyone holding a role in that room watch the item and lets the room's
-- members with control put it on its timeline or queue again; a 'friends' grant (scope_id '')
-- lets the owner's friends watch it and share it on into rooms they are in (those room grants
-- name the friend in granted_by and go when the friends grant is withdrawn).
-- Times are epoch milliseconds (the server's injected clock). Shared by SQLite and PostgreSQL.

CREATE TABLE media_grants (
  media_id   VARCHAR(40) NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
  scope      VARCHAR(16) NOT NULL,
  scope_id   VARCHAR(64) NOT NULL,
  granted_by VARCHAR(40) NOT NULL,
  granted_at BIGINT      NOT NULL,
  PRIMARY KEY (media_id, scope, scope_id)
);
CREATE INDEX media_grants_by_scope ON media_grants (scope, scope_id);

-- Rooms that played their owner's own upload before grants existed keep it: the owner put it there.
-- Anything else a room played was named by someone who did not own it, and grants nothing.
INSERT INTO media_grants (media_id, scope, scope_id, granted_by, granted_at)
SELECT m.id, 'room', r.id, m.owner_id, r.updated_at
FROM rooms r JOIN media_items m ON r.media_id = 'media:' || m.id
WHERE r.owner_id = m.owner_id;
