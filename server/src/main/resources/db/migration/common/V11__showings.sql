-- Scheduled showings: episodes played in a room from a start instant. The room is made with the
-- showing; the time zone is the one it was planned in (for pages and calendars).
CREATE TABLE showings (
  id          VARCHAR(40)   PRIMARY KEY,
  owner_id    VARCHAR(40)   NOT NULL,
  title       VARCHAR(800)  NOT NULL,
  description VARCHAR(8000),
  starts_at   BIGINT        NOT NULL,
  time_zone   VARCHAR(64)   NOT NULL,
  visibility  VARCHAR(16)   NOT NULL,
  room_id     VARCHAR(64)   NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  -- SCHEDULED, CANCELLED
  status      VARCHAR(16)   NOT NULL,
  created_at  BIGINT        NOT NULL,
  updated_at  BIGINT        NOT NULL
);
CREATE INDEX showings_by_owner ON showings (owner_id, starts_at);
CREATE INDEX showings_by_room ON showings (room_id);

CREATE TABLE showing_episodes (
  showing_id  VARCHAR(40)   NOT NULL REFERENCES showings (id) ON DELETE CASCADE,
  position    INTEGER       NOT NULL,
  media_id    VARCHAR(2048) NOT NULL,
  title       VARCHAR(800)  NOT NULL,
  duration_ms BIGINT,
  PRIMARY KEY (showing_id, position)
);

-- Who is invited and who is coming. INVITED until they answer; GOING or DECLINED after.
CREATE TABLE showing_attendees (
  showing_id  VARCHAR(40) NOT NULL REFERENCES showings (id) ON DELETE CASCADE,
  user_id     VARCHAR(40) NOT NULL,
  status      VARCHAR(16) NOT NULL,
  invited_by  VARCHAR(40),
  updated_at  BIGINT      NOT NULL,
  PRIMARY KEY (showing_id, user_id)
);
CREATE INDEX showing_attendees_by_user ON showing_attendees (user_id);
