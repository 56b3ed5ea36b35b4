package dev.cowatch.server.jdbc;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaRepository;
import dev.cowatch.server.media.MediaStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/** Media items in the relational database (H2 or PostgreSQL; the same SQL for both). */
public final class JdbcMediaRepository implements MediaRepository {
  private final Jdbi jdbi;

  public JdbcMediaRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void insert(MediaItem m) {
    jdbi.useHandle(h -> bindAll(h.createUpdate("INSERT INTO media_items (id, owner_id, title, file_name, size_bytes, "
        + "sha256, content_type, container, video_codec, audio_codec, duration_ms, width, height, status, "
        + "failure_message, poster_key, created_at, updated_at) VALUES (:id, :owner, :title, :fileName, :size, :sha256, "
        + ":contentType, :container, :videoCodec, :audioCodec, :durationMs, :width, :height, :status, :failure, "
        + ":poster, :createdAt, :updatedAt)"), m).execute());
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
        + "failure_message = :failure, poster_key = :poster, updated_at = :updatedAt WHERE id = :id"), m)
        .execute() == 1);
  }

  @Override
  public boolean delete(String id) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM media_items WHERE id = :id").bind("id", id).execute() == 1);
  }

  private static <S extends SqlStatement<S>> S bindAll(S s, MediaItem m) {
    return s.bind("id", m.id()).bind("owner", m.ownerId().value()).bind("title", m.title())
        .bind("fileName", m.fileName()).bind("size", m.sizeBytes()).bind("sha256", m.sha256())
        .bind("contentType", m.contentType()).bind("container", m.container()).bind("videoCodec", m.videoCodec())
        .bind("audioCodec", m.audioCodec())
        .bindByType("durationMs", m.durationMs(), Long.class)
        .bindByType("width", m.width(), Integer.class)
        .bindByType("height", m.height(), Integer.class)
        .bind("status", m.status().name()).bind("failure", m.failureMessage()).bind("poster", m.posterKey())
        .bind("createdAt", m.createdAt()).bind("updatedAt", m.updatedAt());
  }

  private static MediaItem item(ResultSet rs) throws SQLException {
    return new MediaItem(rs.getString("id"), new UserId(rs.getString("owner_id")), rs.getString("title"),
        rs.getString("file_name"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("content_type"),
        rs.getString("container"), rs.getString("video_codec"), rs.getString("audio_codec"),
        rs.getObject("duration_ms", Long.class), rs.getObject("width", Integer.class),
        rs.getObject("height", Integer.class), MediaStatus.valueOf(rs.getString("status")),
        rs.getString("failure_message"), rs.getString("poster_key"), rs.getLong("created_at"),
        rs.getLong("updated_at"));
  }
}
