-- The media library: uploaded files and what is known about them. The bytes themselves are in
-- the media store (a directory or an S3 bucket) under media/<id>/...; this row is the index.
-- Times are epoch milliseconds (the server's injected clock). Shared by H2 and PostgreSQL.

CREATE TABLE media_items (
  id              VARCHAR(40)   PRIMARY KEY,
  owner_id        VARCHAR(40)   NOT NULL,
  -- 200 code points may take 400 UTF-16 units; room to spare for either database's way of counting
  title           VARCHAR(800)  NOT NULL,
  file_name       VARCHAR(1020) NOT NULL,
  size_bytes      BIGINT        NOT NULL,
  -- lower-case hex; null until the bytes are all stored
  sha256          VARCHAR(64),
  content_type    VARCHAR(255)  NOT NULL,
  container       VARCHAR(64),
  video_codec     VARCHAR(64),
  audio_codec     VARCHAR(64),
  duration_ms     BIGINT,
  width           INTEGER,
  height          INTEGER,
  -- UPLOADING, PROCESSING, READY, FAILED
  status          VARCHAR(16)   NOT NULL,
  failure_message VARCHAR(2000),
  poster_key      VARCHAR(512),
  created_at      BIGINT        NOT NULL,
  updated_at      BIGINT        NOT NULL
);
CREATE INDEX media_items_by_owner ON media_items (owner_id, created_at);
