package dev.cowatch.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Messages the server sends. Times are server epoch milliseconds, positions milliseconds into the
 * media. See docs/protocol.md.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ServerMessage.Subtitle.class, name = "subtitle"),
  @JsonSubTypes.Type(value = ServerMessage.Joined.class, name = "joined"),
  @JsonSubTypes.Type(value = ServerMessage.TimelineUpdate.class, name = "timeline"),
  @JsonSubTypes.Type(value = ServerMessage.Presence.class, name = "presence"),
  @JsonSubTypes.Type(value = ServerMessage.PresenceChanges.class, name = "presenceChanges"),
  @JsonSubTypes.Type(value = ServerMessage.SettingsUpdate.class, name = "settings"),
  @JsonSubTypes.Type(value = ServerMessage.Pong.class, name = "pong"),
  @JsonSubTypes.Type(value = ServerMessage.Error.class, name = "error"),
  @JsonSubTypes.Type(value = ServerMessage.Bye.class, name = "bye"),
  @JsonSubTypes.Type(value = ServerMessage.Chat.class, name = "chat"),
  @JsonSubTypes.Type(value = ServerMessage.ChatHistory.class, name = "chatHistory"),
  @JsonSubTypes.Type(value = ServerMessage.ChatSettings.class, name = "chatSettings"),
  @JsonSubTypes.Type(value = ServerMessage.ChatSkipped.class, name = "chatSkipped"),
  @JsonSubTypes.Type(value = ServerMessage.ChatDeleted.class, name = "chatDeleted"),
  @JsonSubTypes.Type(value = ServerMessage.ChatReactions.class, name = "chatReactions"),
  @JsonSubTypes.Type(value = ServerMessage.Reaction.class, name = "reaction"),
  @JsonSubTypes.Type(value = ServerMessage.Reactions.class, name = "reactions"),
  @JsonSubTypes.Type(value = ServerMessage.Queue.class, name = "queue"),
  @JsonSubTypes.Type(value = ServerMessage.Signal.class, name = "signal"),
  @JsonSubTypes.Type(value = ServerMessage.Notice.class, name = "notice"),
  @JsonSubTypes.Type(value = ServerMessage.PeerCredentialIssued.class, name = "peerCredential"),
})
public sealed interface ServerMessage {

  /** Answer to hello: who you are, the token to come back as, and the room. */
  record Joined(String memberId, String resumeToken, boolean resumed, RoomView room, long serverTimeMs)
      implements ServerMessage {}

  /** The room's timeline changed; {@code cause} says who did what. */
  record TimelineUpdate(TimelineView timeline, CauseView cause) implements ServerMessage {}

  /**
   * The room's subtitle track changed: {@code track} is a track id of the room's media, or null
   * (always sent, as {@code null}) for none; {@code memberId} chose it, or changed the media, which
   * resets it (null when the room itself changed the media).
   */
  record Subtitle(@JsonInclude(JsonInclude.Include.ALWAYS) String track, String memberId) implements ServerMessage {}

  /**
   * The listed members and their state: replaces the list a client has. A room of up to 100 lists
   * everyone; a bigger one lists its owner and moderators and those not ready, and counts the rest
   * ({@code memberCount} is every member). A member not listed keeps its own entry ({@link #listFor}).
   */
  record Presence(List<MemberView> members, Integer memberCount) implements ServerMessage {
    public Presence {
      members = members == null ? List.of() : List.copyOf(members);
      // Older servers listed everyone and did not count.
      if (memberCount == null) memberCount = members.size();
    }

    /** The list {@code selfId}'s client has after this: the listed members, and its own entry if not listed. */
    public List<MemberView> listFor(String selfId, List<MemberView> before) {
      return MemberView.listedWithOwn(members, selfId, before);
    }
  }

  /**
   * What changed in the member list since the last {@code presence} or {@code presenceChanges}:
   * {@code members} are added or replace the entry with their id (new ones go at the end),
   * {@code left} are ids of members gone, {@code unlisted} of members still there but no longer
   * listed. A client applies them to the list it has, and keeps its own entry. Sent to one member
   * alone, {@code members} is that member's own entry, which the room does not list. Older servers
   * listed everyone and did not count: then {@code memberCount} is null and the list is the count.
   */
  record PresenceChanges(List<MemberView> members, List<String> left,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> unlisted, Integer memberCount)
      implements ServerMessage {
    public PresenceChanges {
      members = members == null ? List.of() : List.copyOf(members);
      left = left == null ? List.of() : List.copyOf(left);
      unlisted = unlisted == null ? List.of() : List.copyOf(unlisted);
    }

    /** The list after these changes: replaced entries keep their place, new ones go at the end. */
    public List<MemberView> applyTo(List<MemberView> list, String selfId) {
      Set<String> gone = new HashSet<>(left);
      for (String id : unlisted) {
        if (!id.equals(selfId)) gone.add(id);
      }
      Map<String, MemberView> byId = new LinkedHashMap<>();
      for (MemberView m : members) byId.put(m.id(), m);
      List<MemberView> next = new ArrayList<>();
      for (MemberView m : list) {
        if (gone.contains(m.id())) continue;
        MemberView replacement = byId.remove(m.id());
        next.add(replacement != null ? replacement : m);
      }
      for (MemberView m : byId.values()) {
        if (!gone.contains(m.id())) next.add(m);
      }
      return List.copyOf(next);
    }
  }

  /** The room's settings changed (name, access, control mode, buffering policy, size). */
  record SettingsUpdate(SettingsView settings) implements ServerMessage {}

  /** Clock sync: {@code t0} echoed, {@code t1} server receive, {@code t2} server send. */
  record Pong(long t0, long t1, long t2) implements ServerMessage {}

  /**
   * Something the client sent was refused. {@code ref} echoes the refused message's ref;
   * {@code timeline} carries the current timeline for conflicts.
   */
  record Error(String code, String message, String ref, TimelineView timeline) implements ServerMessage {}

  /**
   * A notice of the site's administrators to everyone online, shown until {@code expiresAtMs}; one whose
   * {@code expiresAtMs} has passed (a withdrawn notice) is taken down. Not about the room.
   */
  record Notice(String id, String text, long expiresAtMs) implements ServerMessage {}

  /** The server ends the session; {@code reason} is one of docs/protocol.md's bye reasons. */
  record Bye(String reason) implements ServerMessage {}

  /** A new chat line in the room. */
  record Chat(ChatView message) implements ServerMessage {}

  /**
   * A page of chat, oldest first: the newest page right after {@code joined}, older pages on
   * request. {@code more}: older messages exist.
   */
  record ChatHistory(List<ChatView> messages, boolean more) implements ServerMessage {}

  /**
   * The room's chat settings, after a join's history and whenever staff change them: {@code slowModeSeconds}, one line
   * per that many seconds for each writer but the room's staff (0: off).
   */
  record ChatSettings(int slowModeSeconds) implements ServerMessage {}

  /**
   * In a room of more than 50 members, how many chat lines one node stored but did not send everyone live over the
   * last {@code windowMs} (more than its viewers can read); they are in the history. Each node sends its own.
   */
  record ChatSkipped(int count, long windowMs) implements ServerMessage {}

  /** A chat line was deleted; clients remove it. */
  record ChatDeleted(long id) implements ServerMessage {}

  /** A chat line's reactions changed: every emoji with the users who chose it. */
  record ChatReactions(long id, java.util.Map<String, List<String>> reactions) implements ServerMessage {}

  /** The room's queue changed: all of it, in order; {@code memberId} null when the room moved on itself. */
  record Queue(List<QueueItemView> items, String memberId) implements ServerMessage {}

  record QueueItemView(String id, String mediaId, String title) {}

  /**
   * A member's {@code signal}, relayed to this member alone: {@code from} and {@code name} say who sent
   * it (the server fills them in, so they cannot be forged); the rest is as the sender wrote it.
   */
  record Signal(String from, String name, String session, String purpose, String kind, String payload)
      implements ServerMessage {}

  /**
   * The answer to {@code peerKey} (docs/protocol.md 3.13): the member's {@code credential} (the text of a
   * {@link PeerCredential}), the server's {@code signature} of it, and the server's own public key
   * ({@code serverKey}, base64url SubjectPublicKeyInfo) that every peer checks credentials with.
   */
  record PeerCredentialIssued(String credential, String signature, String serverKey) implements ServerMessage {}

  /**
   * Emoji over the video in a room of more than 50 members, counted on one node over a second ({@code windowMs}):
   * emoji to how many were sent. Each node sends its own count, so a second may bring one per node.
   */
  record Reactions(java.util.Map<String, Integer> counts, long windowMs) implements ServerMessage {}

  /** Someone sent an emoji over the video (not stored; clients show it for a moment). */
  record Reaction(String memberId, String name, String emoji) implements ServerMessage {}

  /**
   * {@code id} grows with every message of the room; {@code text} is plain text, never markup.
   * {@code kind} is {@code user} or {@code system}; a system line has an {@code event} (who did what,
   * for clients to word in their language) and an English {@code text} for those that do not.
   * {@code reactions}: emoji to the users who chose it, empty when none. {@code lineId}: the sender's own
   * name for the line, when it gave one (docs/protocol.md 3.8): how its author knows the line arrived.
   */
  record ChatView(long id, String memberId, String userId, String name, String text, long atMs, String kind,
      ChatEventView event, java.util.Map<String, List<String>> reactions, String lineId) {

    /** A line someone wrote, without reactions yet. */
    public ChatView(long id, String memberId, String userId, String name, String text, long atMs) {
      this(id, memberId, userId, name, text, atMs, "user", null, java.util.Map.of(), null);
    }

    /** A line without the sender's name for it. */
    public ChatView(long id, String memberId, String userId, String name, String text, long atMs, String kind,
        ChatEventView event, java.util.Map<String, List<String>> reactions) {
      this(id, memberId, userId, name, text, atMs, kind, event, reactions, null);
    }
  }

  /**
   * What a system line reports: {@code type} joined, left, play, pause, seek, setMedia, schedule,
   * muted or unmuted; {@code name} who did it (or whom it concerns); {@code positionMs} where in the
   * video, for play, pause and seek.
   */
  record ChatEventView(String type, String name, Long positionMs) {}

  record TimelineView(
      String mediaId, String state, long anchorPositionMs, long anchorTimeMs, double rate, long version) {}

  /**
   * {@code memberId} is null when the room decided by itself (e.g. a wait timed out); {@code name}
   * is that member's display name (a big room does not list every member), null when unknown.
   */
  record CauseView(String memberId, String intent, String name) {}

  /**
   * {@code userId}: the account or guest behind the session (one user may have several); {@code client}:
   * the kind of client when it is not one of Cowatch's own apps ({@code syncplay}), absent otherwise;
   * {@code soundDelayMs}: how much later the viewer hears the film than their picture shows, which their player
   * runs ahead by, absent when none.
   */
  record MemberView(
      String id, String userId, String name, String role, String connection, String readiness, Double driftMs, Double rttMs,
      String client, Integer soundDelayMs) {
    /** A member with no sound delay. */
    public MemberView(String id, String userId, String name, String role, String connection, String readiness,
        Double driftMs, Double rttMs, String client) {
      this(id, userId, name, role, connection, readiness, driftMs, rttMs, client, null);
    }

    /** A member of one of Cowatch's own apps. */
    public MemberView(String id, String userId, String name, String role, String connection, String readiness,
        Double driftMs, Double rttMs) {
      this(id, userId, name, role, connection, readiness, driftMs, rttMs, null);
    }

    /**
     * {@code listed}, with {@code selfId}'s entry from {@code from} at the end when it is not listed:
     * what a member of a big room has (the server's list for a joiner, a client's after a presence).
     */
    public static List<MemberView> listedWithOwn(List<MemberView> listed, String selfId, List<MemberView> from) {
      if (selfId == null || listed.stream().anyMatch(m -> m.id().equals(selfId))) return listed;
      List<MemberView> next = new ArrayList<>(listed);
      from.stream().filter(m -> m.id().equals(selfId)).findFirst().ifPresent(next::add);
      return List.copyOf(next);
    }
  }

  record SettingsView(
      String name,
      String visibility,
      boolean passwordProtected,
      boolean guestsAllowed,
      String controlMode,
      String bufferingPolicy,
      long bufferWaitTimeoutMs,
      int maxMembers) {}

  /**
   * {@code ownerId}: the user who owns the room; {@code members}: as listed in presence (in
   * {@code joined}, with the joiner's own entry; over REST, everyone); {@code memberCount}: every
   * member; {@code subtitle}: the subtitle track everyone is shown, absent for none; {@code queue}:
   * the videos to play next, in order.
   */
  record RoomView(
      String id,
      String name,
      String visibility,
      boolean passwordProtected,
      boolean guestsAllowed,
      String controlMode,
      String bufferingPolicy,
      long bufferWaitTimeoutMs,
      int maxMembers,
      String ownerId,
      TimelineView timeline,
      List<MemberView> members,
      Integer memberCount,
      String subtitle,
      List<QueueItemView> queue) {
    public RoomView {
      // Older servers listed everyone and did not count.
      if (memberCount == null && members != null) memberCount = members.size();
    }
  }
}
