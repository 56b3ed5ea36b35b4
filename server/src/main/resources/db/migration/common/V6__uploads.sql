-- Resumable uploads (tus) and what processing adds to a media item. An upload IS a media item:
-- the row exists from the upload's creation in status UPLOADING, its bytes staged on local disk
-- under <data-dir>/uploads/ until the last one arrives. Shared by H2 and PostgreSQL.

-- Bytes received so far: the tus Upload-Offset while UPLOADING, size_bytes once complete.
ALTER TABLE media_items ADD COLUMN received_bytes BIGINT NOT NULL DEFAULT 0;
UPDATE media_items SET received_bytes = size_bytes;
-- While UPLOADING: when an unfinished upload is removed (epoch ms), and the SHA-256 the uploader
-- declared (lower-case hex, null when none was given). Null otherwise.
ALTER TABLE media_items ADD COLUMN upload_expires_at BIGINT;
ALTER TABLE media_items ADD COLUMN expected_sha256 VARCHAR(64);
-- What the uploader should know about the file, one per line (not checked, converted ...).
ALTER TABLE media_items ADD COLUMN warnings VARCHAR(4000);
-- The file browsers play when the original needed converting (media/<id>/playable.mp4).
ALTER TABLE media_items ADD COLUMN playable_key VARCHAR(512);
ALTER TABLE media_items ADD COLUMN playable_size_bytes BIGINT;
ALTER TABLE media_items ADD COLUMN playable_sha256 VARCHAR(64);
-- The expiry sweep and the restart's "processing again" look items up by status.
CREATE INDEX media_items_by_status ON media_items (status, upload_expires_at);
