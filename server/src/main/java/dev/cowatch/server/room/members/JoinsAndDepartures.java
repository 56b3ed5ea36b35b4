package dev.cowatch.server.room.members;

import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomDecider;
import dev.cowatch.core.room.RoomEvent;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.Wire;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.trace.Span;
import dev.cowatch.server.platform.trace.Tracing;
import dev.cowatch.server.room.broadcast.MemberListing;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.bus.RoomBus;
import dev.cowatch.server.room.decisions.DecisionPipeline;
import dev.cowatch.server.room.decisions.RoomRefusals;
import dev.cowatch.server.room.decisions.RosterAhead;
import dev.cowatch.server.room.live.LiveRooms;
import dev.cowatch.server.room.live.MemberSessions;
import dev.cowatch.server.room.live.RoomLocking;
import dev.cowatch.server.room.live.RoomRepository;
import dev.cowatch.server.room.live.RoomStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's joins and departures, decided in turns under its lock: each waits in {@link WaitingDecisions}, and the
 * one that gets the lock decides every one of its kind waiting by then, stored with one compare-and-set and one round
 * trip for their sessions and broadcast as one presence list. A crowd arriving or leaving at once (a showing's start,
 * a node's members all reconnecting) costs the room's lease a few turns instead of one each. A batch takes the
 * {@link DecisionPipeline}'s steps itself, with the members' sessions stored between commit and publish.
 */
public final class JoinsAndDepartures {
  private static final Logger log = LoggerFactory.getLogger(JoinsAndDepartures.class);

  private final RoomStore store;
  private final RoomRepository repository;
  private final RoomBus bus;
  private final RoomLocking locks;
  private final MemberSessions sessions;
  private final DecisionPipeline pipeline;
  private final RoomDecider decider;
  private final Ids ids;
  private final JsonCodec codec;
  private final Clock clock;
  private final Tracing tracing;
  private final WaitingDecisions<PendingJoin> joining = new WaitingDecisions<>();
  private final WaitingDecisions<PendingLeave> leaving = new WaitingDecisions<>();

  public JoinsAndDepartures(LiveRooms live, RoomRepository repository, DecisionPipeline pipeline, Ids ids, JsonCodec codec,
      Clock clock, Tracing tracing) {
    this.store = live.store();
    this.bus = live.bus();
    this.locks = live.locks();
    this.sessions = live.sessions();
    this.repository = repository;
    this.pipeline = pipeline;
    this.decider = pipeline.decider();
    this.ids = ids;
    this.codec = codec;
    this.clock = clock;
    this.tracing = tracing;
  }

  /**
   * Joins (or, with a valid resume token, rejoins) and subscribes {@code listener}, which gets the {@code joined}
   * message before any broadcast that follows it; a refusal thrown when the room is gone or does not let this user in.
   */
  public Joined join(RoomId roomId, Identity who, String name, String resumeToken, RoomBus.Listener listener,
      String client) {
    // A newcomer's roster row is stored before the room's lock is taken: the one database write of a join then
    // holds up none of the room's other decisions (in a cluster the lock is a lease the other nodes wait for).
    RosterAhead ahead = RosterAhead.store(store, repository, clock.millis(), roomId, who, name, resumeToken);
    return inTurn(roomId, joining, new PendingJoin(who, name, resumeToken, listener, client, ahead),
        batch -> joinAllLocked(roomId, batch));
  }

  /** Marks the member disconnected if {@code connection} still speaks for it; whether it did. */
  public boolean disconnect(RoomId roomId, MemberId memberId, RoomBus.Listener connection) {
    return inTurn(roomId, leaving, new PendingLeave(memberId, connection), batch -> leaveAllLocked(roomId, batch));
  }

  /**
   * Queues {@code mine} for the room's lock; whoever of its kind has the lock first decides every one waiting by then
   * ({@link WaitingDecisions}), this one perhaps among them. Its outcome, or its refusal thrown.
   *
   * <p>A turn decides the oldest waiting, at most {@link WaitingDecisions#MAX_TOGETHER}: a thread that gets the lock
   * with more than that ahead of it decides those and asks for the lock again, until its own is decided (the lock is
   * not taken in the order the decisions queued; 102 members leaving at once at shutdown showed it).
   */
  private <R, P extends WaitingDecisions.Pending<R>> R inTurn(RoomId roomId, WaitingDecisions<P> waiting, P mine,
      Consumer<List<P>> decideAllLocked) {
    waiting.add(roomId, mine);
    try {
      while (!mine.isDecided()) {
        locks.runUnless(roomId, mine::isDecided, () -> decideAllLocked.accept(waiting.take(roomId)));
      }
    } catch (RuntimeException e) {
      // Not had the lock (the room busy on another node past the wait): nobody took it, and it is refused with that.
      if (waiting.withdraw(roomId, mine) || !mine.isDecided()) throw e;
    }
    return mine.outcome();
  }

  /**
   * Decides {@code joins} one after another on the room, then commits them together: one read, one compare-and-set,
   * one round trip for their sessions, one presence list. Each is given its outcome (a refusal for those the room
   * does not let in, or for all when the room is gone or the commit fails). Under the room's lock.
   */
  private void joinAllLocked(RoomId roomId, List<PendingJoin> joins) {
    List<Admitted> admitted = new ArrayList<>(joins.size());
    try {
      Optional<Room> loaded = pipeline.loadedHolding(roomId);
      if (loaded.isEmpty()) {
        for (PendingJoin j : joins) j.refused(RoomRefusals.roomNotFound(roomId.value()));
        return;
      }
      Room before = loaded.get();
      Room room = before;
      List<RoomEvent> events = new ArrayList<>();
      try (Span step = tracing.step("room.decide", roomId.value())) {
        for (PendingJoin j : joins) {
          Optional<MemberId> back = backWith(roomId, room, j);
          MemberId memberId = back.orElseGet(() -> new MemberId(ids.memberId()));
          Intent intent = back.isPresent() ? new Intent.Reconnect() : new Intent.Join(j.name, j.who.userId(),
              j.who.isGuest(), j.who.kind() != Identity.Kind.ANONYMOUS, j.client);
          Decision d = decider.decide(room, memberId, intent, clock.millis());
          if (d.isRejected()) {
            step.attribute("cowatch.refused", d.rejection().code().name());
            j.refused(RoomRefusals.of(d.rejection().code(), d.rejection().message()));
            continue;
          }
          room = d.room();
          events.addAll(d.events());
          admitted.add(new Admitted(j, memberId, back.isPresent()));
        }
      }
      if (admitted.isEmpty()) return;
      Decision together = new Decision(room, events, null);
      Seating seating = seating(roomId, admitted);
      pipeline.commit(before, together, new DecisionPipeline.Commit(Optional.empty(),
          RosterAhead.together(admitted.stream().map(a -> a.join.ahead).toList()), true));
      try {
        seatAll(roomId, room, admitted, seating);
      } catch (RuntimeException e) {
        undo(roomId, room, admitted.stream().filter(a -> !a.join.isDecided()).toList());
        throw e;
      }
      pipeline.publish(before, together, true);
    } catch (RuntimeException e) {
      // Nothing was committed, or the sessions failed after: the joins not yet answered are refused.
      WaitingDecisions.refuseUndecided(joins, e);
    }
  }

  /**
   * Takes back joins committed whose sessions could not be stored (Redis too slow to answer): refused, their clients
   * dial again, and members left behind without a connection would count against the room's size (a full room then
   * refused them). A new member leaves; one that was resuming is disconnected, as its connection is. Best effort.
   */
  private void undo(RoomId roomId, Room room, List<Admitted> failed) {
    if (failed.isEmpty()) return;
    try {
      commitTogether(room, decideEach(room, failed.stream()
          .map(a -> Map.entry(a.memberId, a.back ? (Intent) new Intent.Disconnect() : new Intent.Leave())).toList()));
    } catch (RuntimeException e) {
      log.warn("could not take back {} joins of room {} whose sessions were not stored: {}", failed.size(), roomId,
          e.toString());
    }
  }

  /** Each member's intent decided in turn on the room as the ones before left it; refused ones change nothing. */
  private Decision decideEach(Room room, List<Map.Entry<MemberId, Intent>> intents) {
    Room after = room;
    List<RoomEvent> events = new ArrayList<>();
    for (var i : intents) {
      Decision d = decider.decide(after, i.getKey(), i.getValue(), clock.millis());
      if (d.isRejected()) continue;
      after = d.room();
      events.addAll(d.events());
    }
    return new Decision(after, events, null);
  }

  /** Stores decisions taken together on {@code before} (nothing stored ahead) and broadcasts them. */
  private void commitTogether(Room before, Decision together) {
    pipeline.commit(before, together, DecisionPipeline.Commit.NOW);
    pipeline.publish(before, together, true);
  }

  /**
   * A resume token brings back a session of the identity it was issued to: the same account or guest, or, for a
   * member that joined without a token, any session without one (an anonymous session is its token: it gets a new
   * user id at each hello). A token that names someone else's member (an account's, handed to an anonymous hello or
   * another user) resumes nobody: the hello is a fresh join.
   */
  private Optional<MemberId> backWith(RoomId roomId, Room room, PendingJoin j) {
    if (j.resumeToken == null) return Optional.empty();
    return sessions.tokenHolder(roomId, j.resumeToken)
        .filter(m -> room.member(m).filter(x -> sameIdentity(x.userId(), j.who)).isPresent());
  }

  private static boolean sameIdentity(UserId memberUser, Identity who) {
    if (who.kind() == Identity.Kind.ANONYMOUS) return Ids.isAnonymous(memberUser);
    return memberUser.equals(who.userId());
  }

  /** A join the room let in: the member it made or brought back. */
  private record Admitted(PendingJoin join, MemberId memberId, boolean back) {}

  /**
   * Starts storing the admitted's sessions (a new member's token, each connection) and returns the tokens: sent before
   * the room's compare-and-set on the same connection, its answer has come when that one's has (in a cluster one
   * round trip fewer under the lease). Should the commit fail, the tokens name members the room never had, which
   * resume nobody (a resume needs the member in the room).
   */
  private Seating seating(RoomId roomId, List<Admitted> admitted) {
    List<MemberSessions.Seat> seats = new ArrayList<>(admitted.size());
    List<String> tokens = new ArrayList<>(admitted.size());
    for (Admitted a : admitted) {
      String token = a.back ? a.join.resumeToken : ids.resumeToken();
      tokens.add(token);
      seats.add(new MemberSessions.Seat(a.memberId, a.back ? null : token, a.join.listener));
    }
    return new Seating(tokens, sessions.seatingAll(roomId, seats));
  }

  /** The tokens of joins being seated, and what waits until their sessions are stored. */
  private record Seating(List<String> tokens, Runnable done) {}

  /**
   * Once the sessions are stored, subscribes each admitted and hands it its {@code joined} with the room as the joins
   * left it, before any broadcast that follows.
   */
  private void seatAll(RoomId roomId, Room room, List<Admitted> admitted, Seating seating) {
    seating.done().run();
    var members = Wire.members(room);
    for (int i = 0; i < admitted.size(); i++) {
      Admitted a = admitted.get(i);
      RoomBus.Subscription subscription = bus.subscribe(roomId, a.join.listener);
      var listed = MemberListing.forJoiner(members, a.memberId.value());
      var joined = new ServerMessage.Joined(a.memberId.value(), seating.tokens().get(i), a.back,
          Wire.room(room, listed), clock.millis());
      a.join.listener.deliver(new Broadcast(Broadcast.Kind.EVENT, codec.encode(joined)));
      a.join.decided(new Joined(a.memberId, subscription));
      log.info("member {} room={} member={}", a.back ? "resumed" : "joined", roomId, a.memberId);
    }
  }

  /**
   * Lets go of each departed connection that still speaks for its member, then marks those members disconnected in
   * one decision, stored and broadcast once (a crowd leaving at once: see WaitingDecisions). Under the room's lock.
   */
  private void leaveAllLocked(RoomId roomId, List<PendingLeave> leaves) {
    try {
      List<Boolean> detached = sessions.detachAll(roomId,
          leaves.stream().map(l -> new MemberSessions.Seat(l.member, null, l.connection)).toList());
      List<PendingLeave> gone = new ArrayList<>(leaves.size());
      for (int i = 0; i < leaves.size(); i++) {
        if (detached.get(i)) gone.add(leaves.get(i));
        else leaves.get(i).decided(false);
      }
      if (gone.isEmpty()) return;
      try {
        Optional<Room> loaded = pipeline.loadedHolding(roomId);
        if (loaded.isPresent()) {
          commitTogether(loaded.get(), decideEach(loaded.get(),
              gone.stream().map(l -> Map.entry(l.member, (Intent) new Intent.Disconnect())).toList()));
        }
      } catch (RuntimeException e) {
        reattach(roomId, gone);
        throw e;
      }
      for (PendingLeave l : gone) l.decided(true);
    } catch (RuntimeException e) {
      WaitingDecisions.refuseUndecided(leaves, e);
    }
  }

  /**
   * Departures let go of whose disconnect could not be committed (Redis did not answer, or another node decided after
   * this node's lease lapsed): their connections speak for their members again, so that the departure asked again
   * later (LateDepartures) finds them and marks the members disconnected, instead of finding nobody to let go and
   * leaving them shown connected with no connection. Best effort.
   */
  private void reattach(RoomId roomId, List<PendingLeave> gone) {
    try {
      sessions.seatAll(roomId, gone.stream().map(l -> new MemberSessions.Seat(l.member, null, l.connection)).toList());
    } catch (RuntimeException e) {
      log.warn("could not take back {} departures of room {} whose disconnect failed: {}", gone.size(), roomId,
          e.toString());
    }
  }
}
