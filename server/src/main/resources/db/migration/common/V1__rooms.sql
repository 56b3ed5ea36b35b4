-- Durable rooms: settings, who holds which role, bans, invites and the last known timeline.
-- Times are epoch milliseconds (the server's injected clock). Shared by H2 and PostgreSQL.

CREATE TABLE rooms (
  id                     VARCHAR(64)   PRIMARY KEY,
  name                   VARCHAR(80)   NOT NULL,
  visibility             VARCHAR(16)   NOT NULL,
  password_hash          VARCHAR(255),
  guests_allowed         BOOLEAN       NOT NULL,
  control_mode           VARCHAR(16)   NOT NULL,
  buffering_policy       VARCHAR(16)   NOT NULL,
  buffer_wait_timeout_ms BIGINT        NOT NULL,
  max_members            INTEGER       NOT NULL,
  owner_id               VARCHAR(40)   NOT NULL,
  media_id               VARCHAR(2048),
  position_ms            BIGINT        NOT NULL,
  rate                   DOUBLE PRECISION NOT NULL,
  timeline_version       BIGINT        NOT NULL,
  created_at             BIGINT        NOT NULL,
  updated_at             BIGINT        NOT NULL
);
CREATE INDEX rooms_by_visibility ON rooms (visibility, updated_at);

-- Everyone who holds a role in a room (the owner included), connected or not.
CREATE TABLE room_roles (
  room_id      VARCHAR(64) NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  user_id      VARCHAR(40) NOT NULL,
  role         VARCHAR(16) NOT NULL,
  display_name VARCHAR(80) NOT NULL,
  guest        BOOLEAN     NOT NULL,
  since        BIGINT      NOT NULL,
  PRIMARY KEY (room_id, user_id)
);
CREATE INDEX room_roles_by_user ON room_roles (user_id);

-- Who banned whom and when is in the audit log.
CREATE TABLE room_bans (
  room_id VARCHAR(64) NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  user_id VARCHAR(40) NOT NULL,
  PRIMARY KEY (room_id, user_id)
);

CREATE TABLE room_invites (
  id         VARCHAR(40) PRIMARY KEY,
  room_id    VARCHAR(64) NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  created_by VARCHAR(40) NOT NULL,
  created_at BIGINT      NOT NULL,
  expires_at BIGINT      NOT NULL,
  max_uses   INTEGER     NOT NULL,
  uses       INTEGER     NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX room_invites_by_room ON room_invites (room_id);
