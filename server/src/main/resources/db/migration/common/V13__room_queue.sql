-- Each room's queue of videos to play next, in order. Rewritten whole when it changes (at most 100).
CREATE TABLE room_queue (
  room_id  VARCHAR(64)   NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  position INTEGER       NOT NULL,
  item_id  VARCHAR(40)   NOT NULL,
  media_id VARCHAR(2048) NOT NULL,
  title    VARCHAR(800)  NOT NULL,
  PRIMARY KEY (room_id, position)
);
