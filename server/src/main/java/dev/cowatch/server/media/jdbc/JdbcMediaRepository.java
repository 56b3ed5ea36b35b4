package dev.cowatch.server.media.jdbc;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaRepository;
import dev.cowatch.server.media.MediaStatus;
import dev.cowatch.server.platform.jdbc.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/** Media items in the relational database (SQLite or PostgreSQL; the same SQL for both). */
public final class JdbcMediaRepository implements MediaRepository {
  private static final String CONVERTED_TYPE = "video/mp4";
  private final Jdbi jdbi;

  public JdbcMediaRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void insert(MediaItem m) {
    jdbi.useHandle(h -> bindAll(h.createUpdate("INSERT INTO media_items (id, owner_id, title, file_name, size_bytes, "
        + "sha256, content_type, container, video_codec, audio_codec, duration_ms, width, height, status, "
        + "failure_message, poster_key, created_at, updated_at, received_bytes, upload_expires_at, expected_sha256, "
        + "warnings, playable_key, playable_size_bytes, playable_sha256) VALUES (:id, :owner, :title, :fileName, "
        + ":size, :sha256, :contentType, :container, :videoCodec, :audioCodec, :durationMs, :width, :height, :status, "
        + ":failure, :poster, :createdAt, :updatedAt, :received, :uploadExpiresAt, :expectedSha256, :warnings, "
        + ":playableKey, :playableSize, :playableSha256)"), m).execute());
  }

  @Override
  public Optional<MediaItem> find(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM media_items WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> item(rs)).findOne());
  }

  @Override
  public List<MediaItem> ofOwner(UserId owner, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM media_items WHERE owner_id = :owner "
            + "ORDER BY created_at DESC, id LIMIT :limit")
        .bind("owner", owner.value()).bind("limit", limit).map((rs, ctx) -> item(rs)).list());
  }

  @Override
  public boolean update(MediaItem m) {
    return jdbi.withHandle(h -> bindAll(h.createUpdate("UPDATE media_items SET title = :title, size_bytes = :size, "
        + "sha256 = :sha256, content_type = :contentType, container = :container, video_codec = :videoCodec, "
        + "audio_codec = :audioCodec, duration_ms = :durationMs, width = :width, height = :height, status = :status, "
        + "failure_message = :failure, poster_key = :poster, updated_at = :updatedAt, received_bytes = :received, "
        + "upload_expires_at = :uploadExpiresAt, expected_sha256 = :expectedSha256, warnings = :warnings, "
        + "playable_key = :playableKey, playable_size_bytes = :playableSize, playable_sha256 = :playableSha256 "
        + "WHERE id = :id"), m)
        .execute() == 1);
  }

  @Override
  public boolean delete(String id) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM media_items WHERE id = :id").bind("id", id).execute() == 1);
  }

  @Override
  public boolean updateReceived(String id, long receivedBytes, long expiresAt) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE media_items SET received_bytes = :received, "
            + "upload_expires_at = :expiresAt WHERE id = :id AND status = 'UPLOADING' AND size_bytes >= :received")
        .bind("id", id).bind("received", receivedBytes).bind("expiresAt", expiresAt).execute() == 1);
  }

  @Override
  public long bytesHeldBy(UserId owner) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(size_bytes), 0) FROM media_items "
            + "WHERE owner_id = :owner AND status <> 'FAILED'")
        .bind("owner", owner.value()).mapTo(Long.class).one());
  }

  @Override
  public List<MediaItem> withStatus(MediaStatus status, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM media_items WHERE status = :status "
            + "ORDER BY created_at, id LIMIT :limit")
        .bind("status", status.name()).bind("limit", limit).map((rs, ctx) -> item(rs)).list());
  }

  @Override
  public List<MediaItem> uploadsExpiredBy(long nowMs, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM media_items WHERE status = 'UPLOADING' "
            + "AND upload_expires_at <= :now ORDER BY upload_expires_at, id LIMIT :limit")
        .bind("now", nowMs).bind("limit", limit).map((rs, ctx) -> item(rs)).list());
  }

  private static <S extends SqlStatement<S>> S bindAll(S s, MediaItem m) {
    MediaItem.Upload upload = m.upload();
    MediaItem.Derived playable = m.playable();
    return s.bind("id", m.id()).bind("owner", m.ownerId().value()).bind("title", m.title())
        .bind("fileName", m.fileName()).bind("size", m.sizeBytes()).bind("sha256", m.sha256())
        .bind("contentType", m.contentType()).bind("container", m.container()).bind("videoCodec", m.videoCodec())
        .bind("audioCodec", m.audioCodec())
        .bindByType("durationMs", m.durationMs(), Long.class)
        .bindByType("width", m.width(), Integer.class)
        .bindByType("height", m.height(), Integer.class)
        .bind("status", m.status().name()).bind("failure", m.failureMessage()).bind("poster", m.posterKey())
        .bind("createdAt", m.createdAt()).bind("updatedAt", m.updatedAt())
        .bind("received", m.receivedBytes())
        .bindByType("uploadExpiresAt", upload == null ? null : upload.expiresAt(), Long.class)
        .bind("expectedSha256", upload == null ? null : upload.expectedSha256())
        .bind("warnings", m.warnings().isEmpty() ? null : String.join("\n", m.warnings()))
        .bind("playableKey", playable == null ? null : playable.key())
        .bindByType("playableSize", playable == null ? null : playable.sizeBytes(), Long.class)
        .bind("playableSha256", playable == null ? null : playable.sha256());
  }

  private static MediaItem item(ResultSet rs) throws SQLException {
    Long uploadExpiresAt = Columns.longOrNull(rs, "upload_expires_at");
    MediaItem.Upload upload = uploadExpiresAt == null ? null
        : new MediaItem.Upload(rs.getString("expected_sha256"), uploadExpiresAt);
    String warnings = rs.getString("warnings");
    String playableKey = rs.getString("playable_key");
    // Only converted files are kept beside the original, and conversion always makes MP4.
    MediaItem.Derived playable = playableKey == null ? null : new MediaItem.Derived(playableKey,
        rs.getLong("playable_size_bytes"), rs.getString("playable_sha256"), CONVERTED_TYPE);
    return new MediaItem(rs.getString("id"), new UserId(rs.getString("owner_id")), rs.getString("title"),
        rs.getString("file_name"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("content_type"),
        rs.getString("container"), rs.getString("video_codec"), rs.getString("audio_codec"),
        Columns.longOrNull(rs, "duration_ms"), Columns.intOrNull(rs, "width"),
        Columns.intOrNull(rs, "height"), MediaStatus.valueOf(rs.getString("status")),
        rs.getString("failure_message"), rs.getString("poster_key"), rs.getLong("created_at"),
        rs.getLong("updated_at"), rs.getLong("received_bytes"), upload,
        warnings == null ? List.of() : Arrays.asList(warnings.split("\n")), playable);
  }
}
