package dev.cowatch.server.room.preview;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.http.LinkPreview;
import dev.cowatch.server.room.RoomManagement;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A room link's preview: as JSON for the join page, as Open Graph tags for messengers. */
public final class RoomLinks {
  private static final Logger log = LoggerFactory.getLogger(RoomLinks.class);
  private final RoomManagement rooms;
  private final RoomPreviews previews;
  private final Clock clock;
  private final Supplier<String> linkBase;

  /** @param linkBase the configured public URL: tags name it, never a request's Host header */
  public RoomLinks(RoomManagement rooms, RoomPreviews previews, Clock clock, Supplier<String> linkBase) {
    this.rooms = rooms;
    this.previews = previews;
    this.clock = clock;
    this.linkBase = linkBase;
  }

  /** The preview for {@code who} (empty: not signed in); 404 refusal when there is no such room. */
  public RoomPreview preview(RoomId id, Optional<Identity> who) {
    var room = rooms.room(id);
    return previews.of(room, rooms.sightOf(room, who), clock.millis());
  }

  /**
   * The tags for {@code /r/<roomId>} as anyone (no session) sees it, whoever fetches the page; empty for no
   * such room.
   */
  public Optional<LinkPreview> tags(String roomId) {
    if (!RoomId.isValid(roomId)) return Optional.empty();
    RoomPreview preview;
    try {
      preview = preview(new RoomId(roomId), Optional.empty());
    } catch (Refusal e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      // The page still loads without its tags (the app then says what is wrong); a messenger gets a plain card.
      log.warn("no link preview for room {}: {}", roomId, e.toString());
      return Optional.empty();
    }
    String base = linkBase.get();
    return Optional.of(OpenGraphText.of(preview, base + "/r/" + roomId, base));
  }
}
