package dev.cowatch.server.syncplay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ProtocolException;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.bus.RoomBus;
import dev.cowatch.server.room.ws.MessageLimits;
import dev.cowatch.server.room.ws.RoomChat;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Syncplay client in a Cowatch room: its lines become intents, chat and readiness through the same
 * RoomService paths as a web member's messages (the room's permissions apply); the room's timeline,
 * members and chat become Syncplay's State, Set and Chat lines. Run by one connection's loop only, so
 * nothing here is shared between threads.
 */
final class SyncplaySession {
  private static final Logger log = LoggerFactory.getLogger(SyncplaySession.class);
  /** Syncplay's PROTOCOL_TIMEOUT: a client that has not sent a State for this long is dropped. */
  static final long PROTOCOL_TIMEOUT_MS = 12_500;
  /** The name Cowatch's own notices carry in the client's chat. */
  static final String SERVER_NAME = "Cowatch";
  /** A Syncplay client's drift and RTT go to the members list at most this often, as the web app's reports. */
  static final long REPORT_EVERY_MS = 2_000;
  /** A timeline that moves the position by more than this is told with doSeek (Syncplay's SEEK_THRESHOLD, 1 s). */
  static final double SEEK_THRESHOLD_MS = 1_000;

  /** Where the session's lines go. */
  interface Output {
    void send(String line);

    /** Ends the connection once what was sent is out. */
    void close(String why);
  }

  private final RoomService rooms;
  private final SyncplayAdmission admission;
  private final RoomChat chat;
  private final JsonCodec codec;
  private final Clock clock;
  private final MessageLimits limits;
  private final UnaryOperator<String> mediaTitle;
  private final String address;
  private final RoomBus.Listener self;
  private final Output out;
  private final StateExchange exchange = new StateExchange();
  private final long openedAtMs;
  /** Chat for the client, held until its player is up (null before Hello). */
  private HeldChat chatOut;
  /** Whether the last State sent said paused: what the client's reports are judged against. */
  private boolean toldPaused = true;
  /** A play anchored in the future, told as paused until this instant, then told again (-1: none). */
  private long startAtMs = -1;
  private String setByOfStart;

  private RoomId roomId;
  private MemberId memberId;
  private RoomBus.Subscription subscription;
  private SyncplayRoster roster;
  private String roomName;
  /** The timeline the client was last told, and the media it was told about. */
  private Timeline told;
  private long lastStateFromClientMs;
  private long lastReportMs;
  private String ownFile;
  private Double ownDuration;
  private boolean ended;

  SyncplaySession(RoomService rooms, SyncplayAdmission admission, RoomChat chat, JsonCodec codec, Clock clock,
      MessageLimits limits, UnaryOperator<String> mediaTitle, String address, RoomBus.Listener self, Output out) {
    this.rooms = rooms;
    this.admission = admission;
    this.chat = chat;
    this.codec = codec;
    this.clock = clock;
    this.limits = limits;
    this.mediaTitle = mediaTitle;
    this.address = address;
    this.self = self;
    this.out = out;
    this.openedAtMs = clock.millis();
  }

  /** One line from the client. */
  void line(String line) {
    if (ended) return;
    if (limits.flooding()) {
      end("too many messages");
      return;
    }
    if (line.isBlank()) return;
    List<SyncplayLines.Command> commands;
    try {
      commands = SyncplayLines.read(line);
    } catch (SyncplayLines.BadLine e) {
      end(e.getMessage());
      return;
    }
    for (SyncplayLines.Command c : commands) {
      if (ended) return;
      command(c.name(), c.args());
    }
  }

  private void command(String name, JsonNode args) {
    Optional<SyncplayCommand> command = SyncplayCommand.named(name);
    // An unknown command before Hello is told to say Hello, as one Hello must come first.
    if (memberId == null && command.map(SyncplayCommand::afterHello).orElse(true)) {
      end("say Hello first");
      return;
    }
    if (command.isEmpty()) {
      end("unknown command " + name);
      return;
    }
    switch (command.get()) {
      case TLS -> out.send(SyncplayLines.tlsRefused());
      case HELLO -> hello(args);
      case ERROR -> end("the client reported an error: " + SyncplayLines.text(args, "message"));
      case STATE -> state(args);
      case SET -> set(args);
      case LIST -> out.send(roster.list(mediaTitle.apply(told.mediaId()), ownFile, ownDuration));
      case CHAT -> chatLine(args.asText(""));
    }
  }

  private void hello(JsonNode args) {
    if (memberId != null) return; // Syncplay's server ignores a second Hello too
    SyncplayAdmission.Hello hello = SyncplayAdmission.Hello.of(args);
    SyncplayAdmission.Admitted admitted;
    try {
      admitted = admission.admit(hello, address, self);
    } catch (Refusal r) {
      end(r.getMessage());
      return;
    }
    roomId = admitted.room().roomId();
    memberId = admitted.joined().memberId();
    subscription = admitted.joined().subscription();
    roomName = admitted.room().shownName();
    roster = new SyncplayRoster(roomName, memberId.value());
    lastStateFromClientMs = clock.millis();
    chatOut = new HeldChat(out::send, lastStateFromClientMs);
    log.info("syncplay client joined room={} member={} version={}", roomId, memberId, hello.version());
    out.send(SyncplayLines.hello(admitted.displayName(), roomName, hello.version(),
        "Cowatch room " + roomName + ": Syncplay members follow the room's timeline."));
    SyncplayLines.emptyPlaylist().forEach(out::send);
    Optional<Room> room = rooms.find(roomId);
    if (room.isEmpty()) {
      end("the room no longer exists");
      return;
    }
    roster.seed(room.get());
    told = room.get().timeline();
    sendState(null, true, true);
    if (told.hasMedia()) notice("the room plays " + mediaTitle.apply(told.mediaId()) + ": open the same file");
  }

  private void state(JsonNode args) {
    long now = clock.millis();
    lastStateFromClientMs = now;
    Optional<SyncplayTimelines.Reported> reported = exchange.receive(SyncplayLines.state(args), now / 1000.0);
    if (reported.isEmpty()) return;
    Optional<Room> room = rooms.find(roomId);
    if (room.isEmpty()) return;
    Timeline t = room.get().timeline();
    List<Intent> intents = SyncplayTimelines.intents(reported.get(), toldPaused, told.version());
    for (Intent intent : intents) {
      String limited = limits.exceeded(MessageLimits.Kind.INTENT);
      if (limited != null) {
        notice("not applied: " + limited);
        sendState(null, true, true);
        return;
      }
      if (!apply(intent)) return;
    }
    if (intents.isEmpty() && now - lastReportMs >= REPORT_EVERY_MS) {
      Double drift = SyncplayTimelines.driftMs(t, reported.get(), now);
      if (drift != null) {
        lastReportMs = now;
        rooms.apply(roomId, memberId, new Intent.Report(drift, exchange.rttSeconds() * 1000));
      }
    }
  }

  /** Applies one intent; a refusal is told and the client put back on the room's timeline. */
  private boolean apply(Intent intent) {
    Optional<Decision> d = rooms.apply(roomId, memberId, intent);
    if (d.isEmpty()) {
      end("the room no longer exists");
      return false;
    }
    if (!d.get().isRejected()) return true;
    notice("not applied: " + d.get().rejection().message());
    told = d.get().room().timeline();
    sendState(null, true, true);
    return false;
  }

  private void set(JsonNode args) {
    if (args.path("ready").isObject()) ready(args.path("ready"));
    if (args.path("file").isObject()) {
      JsonNode f = args.path("file");
      String name = SyncplayLines.text(f, "name");
      ownFile = name == null ? null : name.substring(0, Math.min(name.length(), SyncplayLines.MAX_FILENAME_LENGTH));
      ownDuration = SyncplayLines.number(f, "duration");
      chatOut.playerUp();
    }
    if (args.path("room").isObject()) {
      String asked = SyncplayLines.text(args.path("room"), "name");
      boolean same = SyncplayRoomRef.parse(asked).map(r -> r.roomId().equals(roomId)).orElse(false);
      if (!same) {
        // The client has already switched in its own mind: put it back, and say how to change rooms.
        notice("to change rooms, reconnect with the other room's code; you are still in " + roomName);
        out.send(SyncplayLines.room(roomName));
      }
    }
    // The client adds the file it opened to the shared playlist by itself: that is no request, so it
    // goes unanswered (Cowatch rooms have their own queue). Asking to manage the room is.
    if (args.has("controllerAuth")) notice("managed rooms are a Syncplay feature Cowatch rooms do not have");
  }

  /**
   * Syncplay's "ready" toggle is Cowatch's: not ready holds a room that waits for everyone, as the web
   * app's "Not ready" does. The client says "not ready" by itself when it starts (its readyAtStart
   * setting is off by default): only a person's toggle holds the room.
   */
  private void ready(JsonNode r) {
    Boolean isReady = SyncplayLines.bool(r, "isReady");
    boolean manual = Boolean.TRUE.equals(SyncplayLines.bool(r, "manuallyInitiated"));
    if (isReady == null || (!isReady && !manual)) return;
    if (limits.exceeded(MessageLimits.Kind.INTENT) != null) return;
    apply(isReady ? new Intent.Ready(told.version()) : new Intent.Buffering(told.version()));
  }

  private void chatLine(String text) {
    String limited = limits.exceeded(MessageLimits.Kind.CHAT);
    if (limited != null) {
      notice("not sent: " + limited);
      return;
    }
    try {
      chat.post(roomId, memberId, text);
    } catch (Refusal r) {
      notice("not sent: " + r.getMessage());
    }
  }

  /** A broadcast of the room; arrives on this session's loop, never under the room's lock. */
  void broadcast(Broadcast b) {
    if (ended || memberId == null) return;
    switch (b.kind()) {
      case ENDED -> {
        if (b.memberId() == null || b.memberId().equals(memberId.value())) {
          memberId = null; // removed by the room: nothing to leave
          end("you were removed from the room");
        }
      }
      case TIMELINE -> rooms.find(roomId).ifPresent(r -> timelineChanged(r, b));
      case PRESENCE, PRESENCE_CHANGES, PERSONAL -> rooms.find(roomId).ifPresent(r -> roster.update(r).forEach(out::send));
      case EVENT -> event(b);
    }
  }

  private void timelineChanged(Room room, Broadcast b) {
    Timeline next = room.timeline();
    if (next.version() <= told.version()) return;
    long now = clock.millis();
    boolean jumped = Math.abs(next.positionAt(now) - told.positionAt(now)) > SEEK_THRESHOLD_MS
        || !java.util.Objects.equals(next.mediaId(), told.mediaId());
    String setBy = null;
    try {
      if (codec.decodeServer(b.json()) instanceof ServerMessage.TimelineUpdate u && u.cause() != null) {
        setBy = u.cause().memberId() != null ? roster.nameOf(u.cause().memberId()) : null;
        if (setBy == null) setBy = u.cause().name();
      }
    } catch (ProtocolException e) {
      log.warn("a timeline broadcast did not decode room={}", roomId, e);
    }
    boolean newMedia = next.hasMedia() && !next.mediaId().equals(told.mediaId());
    told = next;
    setByOfStart = setBy;
    sendState(setBy, jumped, true);
    if (newMedia) notice("the room now plays " + mediaTitle.apply(next.mediaId()) + ": open the same file");
  }

  private void event(Broadcast b) {
    if (!b.isAboutChat() || b.chatLine() <= 0) return;
    try {
      if (codec.decodeServer(b.json()) instanceof ServerMessage.Chat c && "user".equals(c.message().kind())) {
        String name = roster.nameOf(c.message().memberId());
        chatOut.send(SyncplayLines.chat(name != null ? name : c.message().name(), c.message().text()));
      }
    } catch (ProtocolException e) {
      log.warn("a chat broadcast did not decode room={}", roomId, e);
    }
  }

  /** Every second (Syncplay's SERVER_STATE_INTERVAL): the room's state, and the protocol timeout. */
  void tick() {
    if (ended) return;
    long now = clock.millis();
    if (memberId == null) return;
    chatOut.tick(now);
    if (now - lastStateFromClientMs > PROTOCOL_TIMEOUT_MS) {
      end("no State for " + PROTOCOL_TIMEOUT_MS / 1000.0 + " s");
      return;
    }
    // From the timeline last broadcast, not the store's: a newer one in the store is on its way here and
    // must arrive as a forced State.
    sendState(null, false, false);
  }

  /** Whether the client never said Hello within {@code helloTimeoutMs}. */
  boolean silentSince(long nowMs, long helloTimeoutMs) {
    return memberId == null && !ended && nowMs - openedAtMs > helloTimeoutMs;
  }

  private void sendState(String setBy, boolean doSeek, boolean forced) {
    long now = clock.millis();
    startAtMs = SyncplayTimelines.startsAtMs(told, now);
    exchange.send(SyncplayTimelines.toSyncplay(told, now), setBy, doSeek, forced, now / 1000.0).ifPresent(s -> {
      toldPaused = s.paused();
      out.send(SyncplayLines.state(s));
    });
  }

  /** How long until something is due (an anchored play's start), ms; {@link Long#MAX_VALUE} when nothing is. */
  long dueInMs() {
    return startAtMs < 0 ? Long.MAX_VALUE : Math.max(0, startAtMs - clock.millis());
  }

  /** An anchored play's instant has come: the client is told to play, on that instant. */
  void due() {
    if (ended || memberId == null || startAtMs < 0 || clock.millis() < startAtMs) return;
    sendState(setByOfStart, false, true);
  }

  /** A line from Cowatch itself in the client's chat. */
  private void notice(String text) {
    chatOut.send(SyncplayLines.chat(SERVER_NAME, text));
  }

  /** Tells the client why (Syncplay shows an Error and disconnects) and ends. */
  void end(String why) {
    if (ended) return;
    out.send(SyncplayLines.error(why));
    out.close(why);
    leave();
  }

  /** The connection is gone: the member leaves (a Syncplay client cannot resume, it joins anew). Idempotent. */
  void leave() {
    ended = true;
    RoomBus.Subscription s = subscription;
    subscription = null;
    if (s != null) s.close();
    MemberId m = memberId;
    memberId = null;
    if (m == null) return;
    try {
      rooms.apply(roomId, m, new Intent.Leave());
      log.info("syncplay client left room={} member={}", roomId, m);
    } catch (Refusal unavailable) {
      log.warn("could not let syncplay member leave room={} member={}: {}", roomId, m, unavailable.getMessage());
    }
  }
}
