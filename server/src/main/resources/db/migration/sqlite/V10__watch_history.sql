-- SQLite's twin of ../postgresql/V10__watch_history.sql: the same but for the id column (MigrationTwinsTest keeps them so).
-- What people watched: one row per stretch of one user watching one media in one room. Open while
-- ended_at is NULL; last_seen_at moves on every minute while they are still there, so a stretch cut
-- off by a crash ends where it was last seen. Kept per user up to a limit; users remove their own.
CREATE TABLE watch_history (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id      VARCHAR(40)   NOT NULL,
  room_id      VARCHAR(64)   NOT NULL,
  room_name    VARCHAR(400)  NOT NULL,
  media_id     VARCHAR(2048) NOT NULL,
  started_at   BIGINT        NOT NULL,
  last_seen_at BIGINT        NOT NULL,
  ended_at     BIGINT
);
CREATE INDEX watch_history_by_user ON watch_history (user_id, started_at);
CREATE INDEX watch_history_by_room ON watch_history (room_id, started_at);
