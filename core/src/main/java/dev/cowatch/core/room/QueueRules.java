package dev.cowatch.core.room;

import dev.cowatch.core.room.RoomEvent.Cause;
import dev.cowatch.core.room.RoomEvent.CauseKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The room's shared queue: who may edit it (the permission table's EDIT_QUEUE), its limits, playing
 * the next video on request, and moving on by itself when the current video ends.
 */
final class QueueRules {
  static final int MAX_ITEMS = 100;

  private QueueRules() {}

  static Decision add(Room room, Member member, Intent.QueueAdd add) {
    if (!mayEdit(room, member)) return notAllowed(room);
    if (room.queue().size() >= MAX_ITEMS) {
      return Decision.rejected(room, ErrorCode.INVALID_ARGUMENT, "a queue holds at most " + MAX_ITEMS + " videos");
    }
    if (room.queue().stream().anyMatch(i -> i.id().equals(add.itemId()))) return Decision.unchanged(room);
    QueueItem item;
    try {
      item = new QueueItem(add.itemId(), add.mediaId(), add.title());
    } catch (IllegalArgumentException e) {
      return Decision.rejected(room, ErrorCode.INVALID_ARGUMENT, e.getMessage());
    }
    List<QueueItem> next = new ArrayList<>(room.queue());
    next.add(item);
    return queueChanged(room, next, member.id());
  }

  static Decision remove(Room room, Member member, Intent.QueueRemove remove) {
    if (!mayEdit(room, member)) return notAllowed(room);
    List<QueueItem> next = room.queue().stream().filter(i -> !i.id().equals(remove.itemId())).toList();
    return next.size() == room.queue().size() ? Decision.unchanged(room) : queueChanged(room, next, member.id());
  }

  static Decision move(Room room, Member member, Intent.QueueMove move) {
    if (!mayEdit(room, member)) return notAllowed(room);
    int from = indexOf(room.queue(), move.itemId());
    if (from < 0) return Decision.unchanged(room);
    int to = Math.clamp(move.toIndex(), 0, room.queue().size() - 1);
    if (from == to) return Decision.unchanged(room);
    List<QueueItem> next = new ArrayList<>(room.queue());
    next.add(to, next.remove(from));
    return queueChanged(room, next, member.id());
  }

  /** Plays the first queued video from its start, for everyone, as a play does. */
  static Decision playNext(RoomDecider decider, Room room, Member member, Intent.PlayNext next, long nowMs) {
    if (!Permissions.allows(member.role(), Action.CHANGE_MEDIA, room.settings())) {
      return Decision.rejected(room, ErrorCode.NOT_ALLOWED, "your role in this room does not let you change the media");
    }
    if (room.queue().isEmpty()) return Decision.rejected(room, ErrorCode.NO_MEDIA, "the queue is empty");
    if (next.baseVersion() != room.timeline().version()) {
      return Decision.rejected(room, ErrorCode.CONFLICT,
          "the timeline changed (version " + room.timeline().version() + ") since version " + next.baseVersion());
    }
    return advance(decider, room, new Cause(member.id(), CauseKind.NEXT), nowMs);
  }

  /**
   * A player reached the end of the room's video. With a queue the room moves on to the next video;
   * a stale report (another version or media) or one from someone who may not control playback
   * changes nothing, so of everyone's reports the first one moves the room and the rest find it moved.
   */
  static Decision ended(RoomDecider decider, Room room, Member member, Intent.Ended ended, long nowMs) {
    Timeline t = room.timeline();
    if (room.queue().isEmpty() || ended.baseVersion() != t.version() || !ended.mediaId().equals(t.mediaId())
        || t.state() != PlaybackState.PLAYING
        || !Permissions.allows(member.role(), Action.CONTROL_PLAYBACK, room.settings())) {
      return Decision.unchanged(room);
    }
    return advance(decider, room, new Cause(null, CauseKind.NEXT), nowMs);
  }

  private static Decision advance(RoomDecider decider, Room room, Cause cause, long nowMs) {
    QueueItem head = room.queue().getFirst();
    List<QueueItem> rest = room.queue().subList(1, room.queue().size());
    Room loaded = room.withQueue(rest).settledForNewMedia().withTimeline(room.timeline().loading(head.mediaId(), nowMs));
    Decision started = decider.startPlaying(loaded, 0, nowMs, true, cause);
    List<RoomEvent> events = new ArrayList<>();
    events.add(new RoomEvent.QueueChanged(rest, cause.memberId()));
    events.addAll(started.events());
    // A new video has none of the old one's subtitle tracks.
    if (room.subtitleTrack() != null) events.add(new RoomEvent.SubtitleChanged(null, cause.memberId()));
    return Decision.accepted(started.room().withSubtitle(null), events);
  }

  private static boolean mayEdit(Room room, Member member) {
    return Permissions.allows(member.role(), Action.EDIT_QUEUE, room.settings());
  }

  private static Decision notAllowed(Room room) {
    return Decision.rejected(room, ErrorCode.NOT_ALLOWED, "your role in this room does not let you change the queue");
  }

  private static Decision queueChanged(Room room, List<QueueItem> next, MemberId by) {
    return Decision.accepted(room.withQueue(next), List.of(new RoomEvent.QueueChanged(next, by)));
  }

  private static int indexOf(List<QueueItem> queue, String itemId) {
    for (int i = 0; i < queue.size(); i++) if (queue.get(i).id().equals(itemId)) return i;
    return -1;
  }
}
