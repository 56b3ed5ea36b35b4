package dev.cowatch.server.room.preview;

import dev.cowatch.core.room.ErrorCode;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RosterEntry;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.Wire;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.room.MediaDescriptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a room's preview for someone holding its link.
 *
 * <p>Privacy: the link alone is not a key. A room behind a password or an invite (and a room that
 * banned the caller) shows only its name and what is needed: the password or invite is what keeps who
 * is inside and what they watch to those who were let in, so a link forwarded or leaked shows no more
 * than the room's name (which the room page and the invite page already show to anyone with the link).
 * An open room shows everything the page would show after entering; a room that only refuses guests,
 * or is full, is not secret and says so beside its details.
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

  /** {@code refusal}: why the caller may not enter on their own (Admission), or null. */
  public RoomPreview of(Room room, ErrorCode refusal, long nowMs) {
    ErrorCode reason = refusal == null && isFull(room) ? ErrorCode.ROOM_FULL : refusal;
    String code = reason == null ? null : WireError.of(reason).code();
    boolean locked = reason == ErrorCode.PASSWORD_REQUIRED || reason == ErrorCode.INVITE_REQUIRED
        || reason == ErrorCode.BANNED;
    return new RoomPreview(room.id().value(), room.settings().name(), code, locked ? null : details(room, nowMs));
  }

  private static boolean isFull(Room room) {
    return room.members().size() >= room.settings().maxMembers();
  }

  private RoomPreview.Details details(Room room, long nowMs) {
    var owner = room.roster().owner();
    String ownerName = room.roster().entry(owner).map(RosterEntry::displayName).orElse(null);
    List<Member> present = new ArrayList<>(room.members().stream().filter(Member::isConnected).toList());
    // The owner first: the name a friend most likely knows.
    present.sort(Comparator.comparing((Member m) -> !m.userId().equals(owner)).thenComparingLong(Member::joinedAtMs));
    List<String> names = present.stream().map(Member::displayName).distinct().limit(MAX_NAMES).toList();
    Timeline t = room.timeline();
    boolean scheduled = t.state() == PlaybackState.PLAYING && t.anchorTimeMs() > nowMs;
    return new RoomPreview.Details(ownerName, present.size(), names, playing(t, nowMs),
        scheduled && t.hasMedia() ? t.anchorTimeMs() : null);
  }

  private RoomPreview.Playing playing(Timeline t, long nowMs) {
    if (!t.hasMedia()) return null;
    var described = media.describe(t.mediaId());
    String title = described.map(MediaDescriptions.Description::title).orElseGet(() -> fileName(t.mediaId()));
    String poster = described.map(MediaDescriptions.Description::posterPath).orElse(null);
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
