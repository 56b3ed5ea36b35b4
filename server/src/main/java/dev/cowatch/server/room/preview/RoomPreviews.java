package dev.cowatch.server.room.preview;

import dev.cowatch.core.room.ErrorCode;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RosterEntry;
import dev.cowatch.core.room.StrangerView.Field;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.Wire;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.room.RoomSight;
import dev.cowatch.server.room.media.MediaDescriptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a room's preview for someone holding its link.
 *
 * <p>Privacy: the link alone is not a key. How much shows is the one table for strangers
 * ({@link dev.cowatch.core.room.StrangerView}, through {@link RoomSight}): the room's strongest lock
 * decides before anything about the caller, so a private room shows that it exists and needs an invite
 * whatever its guest rule; a room behind a password shows its name; a room that only turns guests away
 * shows guests its card (owner, who is there, what plays, the poster); an open room, everything the page
 * would show after entering. A full room is not secret and says so beside its details.
 */
public final class RoomPreviews {
  /** Names listed beside the count: enough to recognise friends, short enough for a phone. */
  public static final int MAX_NAMES = 5;
  /** Longest title or file name shown; a URL's last segment can be anything. */
  static final int MAX_TITLE = 120;

  private final MediaDescriptions media;

  public RoomPreviews(MediaDescriptions media) {
    this.media = media;
  }

  /** The preview as {@code sight} (what the caller sees of {@code room}) allows. */
  public RoomPreview of(Room room, RoomSight sight, long nowMs) {
    ErrorCode reason = sight.refusal() == null && isFull(room) ? ErrorCode.ROOM_FULL : sight.refusal();
    String code = reason == null ? null : WireError.of(reason).code();
    // The details come whole or not at all: the table shows owner, presence, title and position together.
    boolean card = sight.shows(Field.OWNER) && sight.shows(Field.PRESENT) && sight.shows(Field.TITLE)
        && sight.shows(Field.POSITION);
    return new RoomPreview(room.id().value(), sight.shows(Field.NAME) ? room.settings().name() : null, code,
        card ? details(room, sight, nowMs) : null);
  }

  private static boolean isFull(Room room) {
    return room.members().size() >= room.settings().maxMembers();
  }

  private RoomPreview.Details details(Room room, RoomSight sight, long nowMs) {
    var owner = room.roster().owner();
    String ownerName = room.roster().entry(owner).map(RosterEntry::displayName).orElse(null);
    List<Member> present = new ArrayList<>(room.members().stream().filter(Member::isConnected).toList());
    // The owner first: the name a friend most likely knows.
    present.sort(Comparator.comparing((Member m) -> !m.userId().equals(owner)).thenComparingLong(Member::joinedAtMs));
    List<String> names = present.stream().map(Member::displayName).distinct().limit(MAX_NAMES).toList();
    Timeline t = room.timeline();
    boolean scheduled = t.state() == PlaybackState.PLAYING && t.anchorTimeMs() > nowMs;
    return new RoomPreview.Details(ownerName, present.size(), names, playing(t, sight, nowMs),
        scheduled && t.hasMedia() ? t.anchorTimeMs() : null);
  }

  private RoomPreview.Playing playing(Timeline t, RoomSight sight, long nowMs) {
    if (!t.hasMedia()) return null;
    var described = media.describe(t.mediaId());
    String title = described.map(MediaDescriptions.Description::title).orElseGet(() -> fileName(t.mediaId()));
    // Only where the table shows posters is one signed at all: a URL not handed out cannot leak.
    String poster = sight.shows(Field.POSTER) ? described.map(MediaDescriptions.Description::posterPath).orElse(null)
        : null;
    return new RoomPreview.Playing(clip(title), Wire.name(t.state()), Math.round(t.positionAt(nowMs)), nowMs, poster);
  }

  /** The last path segment of a URL, decoded ("film.mp4"), else the URL's host, else the id itself. */
  public static String fileName(String mediaId) {
    try {
      URI uri = URI.create(mediaId);
      String path = uri.getRawPath();
      if (path != null) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (!last.isBlank()) return URLDecoder.decode(last, StandardCharsets.UTF_8);
      }
      if (uri.getHost() != null) return uri.getHost();
    } catch (IllegalArgumentException e) {
      // Not a URL (or badly encoded): the id is all there is to show.
    }
    return mediaId;
  }

  private static String clip(String s) {
    String oneLine = s.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_TITLE ? oneLine : oneLine.substring(0, MAX_TITLE - 1) + "\u2026";
  }
}
