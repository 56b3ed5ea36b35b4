package dev.cowatch.server.media.jdbc;

import dev.cowatch.server.media.subtitle.SubtitleRepository;
import dev.cowatch.server.media.subtitle.SubtitleTrack;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Subtitle tracks in the relational database (SQLite or PostgreSQL; the same SQL for both). */
public final class JdbcSubtitleRepository implements SubtitleRepository {
  private final Jdbi jdbi;

  public JdbcSubtitleRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Inserted insert(SubtitleTrack t, int maxPerMedia) {
    return jdbi.inTransaction(h -> {
      // Locking the item's row makes concurrent uploads to one item count one after the other.
      if (h.createQuery("SELECT id FROM media_items WHERE id = :media <forUpdate>").bind("media", t.mediaId())
          .mapTo(String.class).findOne().isEmpty()) {
        return Inserted.NO_MEDIA;
      }
      int count = h.createQuery("SELECT COUNT(*) FROM subtitle_tracks WHERE media_id = :media")
          .bind("media", t.mediaId()).mapTo(Integer.class).one();
      if (count >= maxPerMedia) return Inserted.FULL;
      h.createUpdate("INSERT INTO subtitle_tracks (id, media_id, label, language, cues, size_bytes, source_format, "
              + "source_charset, created_at) VALUES (:id, :media, :label, :language, :cues, :size, :format, :charset, "
              + ":createdAt)")
          .bind("id", t.id()).bind("media", t.mediaId()).bind("label", t.label()).bind("language", t.language())
          .bind("cues", t.cues()).bind("size", t.sizeBytes()).bind("format", t.sourceFormat())
          .bind("charset", t.sourceCharset()).bind("createdAt", t.createdAt())
          .execute();
      return Inserted.DONE;
    });
  }

  @Override
  public List<SubtitleTrack> ofMedia(String mediaId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM subtitle_tracks WHERE media_id = :media "
            + "ORDER BY created_at, id")
        .bind("media", mediaId).map((rs, ctx) -> track(rs)).list());
  }

  @Override
  public Optional<SubtitleTrack> find(String trackId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM subtitle_tracks WHERE id = :id").bind("id", trackId)
        .map((rs, ctx) -> track(rs)).findOne());
  }

  @Override
  public boolean delete(String trackId) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM subtitle_tracks WHERE id = :id").bind("id", trackId)
        .execute() == 1);
  }

  private static SubtitleTrack track(ResultSet rs) throws SQLException {
    return new SubtitleTrack(rs.getString("id"), rs.getString("media_id"), rs.getString("label"),
        rs.getString("language"), rs.getInt("cues"), rs.getLong("size_bytes"), rs.getString("source_format"),
        rs.getString("source_charset"), rs.getLong("created_at"));
  }
}
