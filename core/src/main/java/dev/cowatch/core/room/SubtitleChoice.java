package dev.cowatch.core.room;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The room's subtitle track: who may choose it (whoever may control playback), and that it must be
 * a track of the media the room plays. A new media resets it to none (RoomDecider's {@code changed}).
 */
final class SubtitleChoice {
  /** Track ids are the server's (16 characters today); anything longer or odder is not one. */
  static final int MAX_TRACK_ID_LENGTH = 64;
  private static final Pattern TRACK_ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_TRACK_ID_LENGTH + "}");

  private SubtitleChoice() {}

  static Decision decide(Room room, Member member, Intent.SetSubtitle intent) {
    if (!Permissions.allows(member.role(), Action.CONTROL_PLAYBACK, room.settings())) {
      return Decision.rejected(room, ErrorCode.NOT_ALLOWED,
          "only those who control playback choose the room's subtitles");
    }
    String track = intent.trackId();
    if (track != null) {
      if (!TRACK_ID.matcher(track).matches()) {
        return Decision.rejected(room, ErrorCode.INVALID_ARGUMENT,
            "a subtitle track id is 1-" + MAX_TRACK_ID_LENGTH + " letters, digits, '-' or '_'");
      }
      if (!room.timeline().hasMedia()) return Decision.rejected(room, ErrorCode.NO_MEDIA, "no media is set");
      if (!room.timeline().mediaId().equals(intent.trackMediaId())) {
        return Decision.rejected(room, ErrorCode.INVALID_ARGUMENT,
            "the room's media has no subtitle track '" + track + "'");
      }
    }
    if (java.util.Objects.equals(track, room.subtitleTrack())) return Decision.unchanged(room);
    return Decision.accepted(room.withSubtitle(track), List.of(new RoomEvent.SubtitleChanged(track, member.id())));
  }
}
