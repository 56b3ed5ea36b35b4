-- Subtitle tracks of media items, and the track each room shows. The WebVTT files themselves are in
-- the media store under media/<mediaId>/subtitles/<trackId>.vtt; deleting the item deletes both.
-- Times are epoch milliseconds (the server's injected clock). Shared by H2 and PostgreSQL.

CREATE TABLE subtitle_tracks (
  id             VARCHAR(40)  PRIMARY KEY,
  media_id       VARCHAR(40)  NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
  -- 100 code points may take 200 UTF-16 units; room to spare for either database's way of counting
  label          VARCHAR(400) NOT NULL,
  -- a BCP 47 tag such as en or pt-BR; null when the uploader did not say
  language       VARCHAR(35),
  cues           INTEGER      NOT NULL,
  -- of the converted WebVTT file
  size_bytes     BIGINT       NOT NULL,
  -- what was uploaded: srt or vtt, and the encoding it was read in
  source_format  VARCHAR(8)   NOT NULL,
  source_charset VARCHAR(32)  NOT NULL,
  created_at     BIGINT       NOT NULL
);
CREATE INDEX subtitle_tracks_by_media ON subtitle_tracks (media_id, created_at);

-- The subtitle track the room shows everyone (a track of its timeline's media), null for none.
-- Checkpointed with the timeline, as it belongs to the media the timeline plays.
ALTER TABLE rooms ADD COLUMN subtitle_track VARCHAR(64);
