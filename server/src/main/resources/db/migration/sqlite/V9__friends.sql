-- SQLite's twin of ../postgresql/V9__friends.sql: the same but for the id column (MigrationTwinsTest keeps them so).
-- Friends, friend requests, blocks and in-app notifications. Friendship is stored in both
-- directions (two rows), so "my friends" is one index lookup. Only accounts take part; rows go
-- with their users.
CREATE TABLE friend_requests (
  from_id    VARCHAR(40) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  to_id      VARCHAR(40) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT      NOT NULL,
  PRIMARY KEY (from_id, to_id)
);
CREATE INDEX friend_requests_to ON friend_requests (to_id);

CREATE TABLE friendships (
  user_id    VARCHAR(40) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  friend_id  VARCHAR(40) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT      NOT NULL,
  PRIMARY KEY (user_id, friend_id)
);

CREATE TABLE user_blocks (
  blocker_id VARCHAR(40) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  blocked_id VARCHAR(40) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT      NOT NULL,
  PRIMARY KEY (blocker_id, blocked_id)
);

-- What the web app shows in its notification list: a kind, who caused it, and a small JSON payload
-- (room or showing id and name, a link). Read ones stay until they age out.
CREATE TABLE notifications (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id    VARCHAR(40)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind       VARCHAR(32)   NOT NULL,
  actor_id   VARCHAR(40),
  actor_name VARCHAR(160),
  payload    VARCHAR(4000) NOT NULL,
  created_at BIGINT        NOT NULL,
  read_at    BIGINT
);
CREATE INDEX notifications_by_user ON notifications (user_id, id);
