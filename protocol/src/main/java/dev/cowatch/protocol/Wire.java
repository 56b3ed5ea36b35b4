package dev.cowatch.protocol;

import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomEvent;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.ServerMessage.CauseView;
import dev.cowatch.protocol.ServerMessage.MemberView;
import dev.cowatch.protocol.ServerMessage.RoomView;
import dev.cowatch.protocol.ServerMessage.SettingsView;
import dev.cowatch.protocol.ServerMessage.TimelineView;
import java.util.List;
import java.util.Locale;

/** Translation between the domain and protocol v1's wire records. */
public final class Wire {
  private Wire() {}

  public static TimelineView timeline(Timeline t) {
    return new TimelineView(t.mediaId(), name(t.state()), t.anchorPositionMs(), t.anchorTimeMs(), t.rate(), t.version());
  }

  public static Timeline timeline(TimelineView v) {
    return new Timeline(v.mediaId(), dev.cowatch.core.room.PlaybackState.valueOf(constant(v.state())),
        v.anchorPositionMs(), v.anchorTimeMs(), v.rate(), v.version());
  }

  public static MemberView member(Member m) {
    return new MemberView(m.id().value(), m.userId().value(), m.displayName(), name(m.role()), name(m.connection()),
        name(m.readiness()), m.driftMs(), m.rttMs(), m.client(), m.soundDelayMs() == 0 ? null : m.soundDelayMs());
  }

  public static List<MemberView> members(Room room) {
    return room.members().stream().map(Wire::member).toList();
  }

  /** The room with every member listed. */
  public static RoomView room(Room r) {
    return room(r, members(r));
  }

  /** The room with {@code listed} as its members (see ServerMessage.Presence). */
  public static RoomView room(Room r, List<MemberView> listed) {
    var s = r.settings();
    return new RoomView(r.id().value(), s.name(), name(s.visibility()), s.passwordProtected(), s.guestsAllowed(),
        name(s.controlMode()), name(s.bufferingPolicy()), s.bufferWaitTimeoutMs(), s.maxMembers(),
        r.roster().owner().value(), timeline(r.timeline()), listed, r.members().size(), r.subtitleTrack(),
        queue(r.queue()));
  }

  public static List<ServerMessage.QueueItemView> queue(List<dev.cowatch.core.room.QueueItem> items) {
    return items.stream().map(i -> new ServerMessage.QueueItemView(i.id(), i.mediaId(), i.title())).toList();
  }

  /** The domain intent of a queue message; {@code newItemId} names an added entry. */
  public static Intent queueIntent(ClientMessage.QueueMessage m, java.util.function.Supplier<String> newItemId) {
    return switch (m) {
      case ClientMessage.QueueAdd a -> new Intent.QueueAdd(newItemId.get(), a.mediaId(), a.title());
      case ClientMessage.QueueRemove r -> new Intent.QueueRemove(r.itemId());
      case ClientMessage.QueueMove mv -> new Intent.QueueMove(mv.itemId(), mv.index());
      case ClientMessage.PlayNext n -> new Intent.PlayNext(n.version());
      case ClientMessage.Ended e -> new Intent.Ended(e.version(), e.mediaId());
    };
  }

  public static SettingsView settings(RoomSettings s) {
    return new SettingsView(s.name(), name(s.visibility()), s.passwordProtected(), s.guestsAllowed(),
        name(s.controlMode()), name(s.bufferingPolicy()), s.bufferWaitTimeoutMs(), s.maxMembers());
  }

  /** The cause, with the member's name as {@code room} has it (none when the member is not in it). */
  public static CauseView cause(RoomEvent.Cause c, Room room) {
    String name = c.memberId() == null ? null : room.member(c.memberId()).map(Member::displayName).orElse(null);
    return new CauseView(c.memberId() == null ? null : c.memberId().value(), name(c.kind()), name);
  }

  /** The domain intent of an intent message. */
  public static Intent intent(ClientMessage.IntentMessage m) {
    return switch (m) {
      case ClientMessage.Play p -> new Intent.Play(p.version());
      case ClientMessage.Pause p -> new Intent.Pause(p.version(), p.positionMs());
      case ClientMessage.Seek s -> new Intent.Seek(s.version(), s.positionMs());
      case ClientMessage.SetRate r -> new Intent.SetRate(r.version(), r.rate());
      case ClientMessage.SetMedia sm -> new Intent.SetMedia(sm.version(), sm.mediaId());
      case ClientMessage.Buffering b -> new Intent.Buffering(b.version());
      case ClientMessage.Ready r -> new Intent.Ready(r.version());
      case ClientMessage.NeedsClick n -> new Intent.NeedsClick(n.version());
      case ClientMessage.HandBack h -> new Intent.HandBack(h.version(), h.mediaId(), handBackState(h.state()),
          h.anchorPositionMs(), h.anchorTimeMs(), h.rate());
    };
  }

  /** A hand-back's state; one that is not a playback state is WAITING, which the room refuses as invalid. */
  private static dev.cowatch.core.room.PlaybackState handBackState(String state) {
    return switch (state) {
      case "paused" -> dev.cowatch.core.room.PlaybackState.PAUSED;
      case "playing" -> dev.cowatch.core.room.PlaybackState.PLAYING;
      default -> dev.cowatch.core.room.PlaybackState.WAITING;
    };
  }

  /** Wire name of an enum constant: {@code WAIT_FOR_ALL} becomes {@code waitForAll}. */
  public static String name(Enum<?> e) {
    // Every member of every presence names three constants: spelled once per enum, not per call.
    return NAMES.get(e.getDeclaringClass())[e.ordinal()];
  }

  private static final ClassValue<String[]> NAMES = new ClassValue<>() {
    @Override
    protected String[] computeValue(Class<?> type) {
      Object[] constants = type.getEnumConstants();
      String[] names = new String[constants.length];
      for (int i = 0; i < constants.length; i++) names[i] = spell((Enum<?>) constants[i]);
      return names;
    }
  };

  private static String spell(Enum<?> e) {
    String[] parts = e.name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder sb = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i], 1, parts[i].length());
    }
    return sb.toString();
  }

  /** Enum constant name of a wire name: {@code waitForAll} becomes {@code WAIT_FOR_ALL}. */
  public static String constant(String wireName) {
    return wireName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }
}
