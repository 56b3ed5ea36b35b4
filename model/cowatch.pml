/*
 * The Cowatch sync protocol (DESIGN.md section 3) as the Java code implements it: one room
 * decided by the server, three clients, one WebSocket connection per client at a time (plus the
 * one it replaces after a reconnect), users pressing play/pause/seek at any moment, players that
 * stall and may never recover, connections that drop and resume.
 *
 * docs/protocol-model.md maps every rule below to the Java method that implements it, lists what
 * is abstracted and why, and gives the commands and the state-space figures.
 *
 * Switches (spin -D...):
 *   HOST_ONLY                 control mode HOST_ONLY instead of EVERYONE
 *   GESTURES, STALLS, DROPS   the bounds on user actions, player stalls and lost connections
 *   MUTANT_ECHO               a client without its echo guard: the player events caused by applying
 *                             a timeline are taken for gestures (expected: p1_no_echo fails)
 *   MUTANT_NO_VERSION_CHECK   the room ignores the version an intent was based on
 *                             (expected: p5_paused_stays_paused fails)
 *   MUTANT_NO_TIMEOUT         the room waits for ready without a timeout
 *                             (expected: the LTL claim p4_waiting_ends fails)
 *   CHECK_PRESENCE            also asserts p6_presence: when all is quiet, the room's connected
 *                             members are exactly the clients with a live connection (it found a
 *                             race in the server, since fixed; see the doc)
 */

#ifndef GESTURES
#define GESTURES 3
#endif
#ifndef STALLS
#define STALLS 1
#endif
#ifndef DROPS
#define DROPS 1
#endif

#define NC 3            /* clients, and member slots: client i is always member slot i */
#define NCONN 6         /* connections: client i uses 2i, and 2i+1 after its reconnect */
#define NONE 255
#define UPCAP (GESTURES + 2 * STALLS + 2)   /* every message one connection can ever carry */
#define DOWNCAP (GESTURES + 1)              /* joined + one conflict per gesture */

/* A timeline is one byte: version * 8 + state * 2 + position (positions abstracted to 0..1). */
#define PAUSED 0
#define PLAYING 1
#define WAITING 2
#define TL(v, s, p) ((v) * 8 + (s) * 2 + (p))
#define VER(t) ((t) / 8)
#define ST(t) (((t) / 2) % 4)
#define POS(t) ((t) % 2)

#define R_READY 0
#define R_BUFFERING 1
#define R_CATCHING_UP 2

#define PLAYER_OK 0
#define PLAYER_LOADING 1
#define PLAYER_HUNG 2

/* Client -> server intents, server -> client queued messages, and the causes of tick changes. */
mtype = { M_PLAY, M_PAUSE, M_SEEK, M_BUFFERING, M_READY, M_HELLO, M_JOINED, M_CONFLICT,
          C_TIMEOUT, C_LEFT };

/* ---- The room (RoomService + RoomDecider state) ---- */
byte room = TL(0, PAUSED, 0);
bit present[NC];          /* member slot i holds a member */
bit mconn[NC];            /* Member.connection == CONNECTED */
byte readiness[NC];
byte host = 0;            /* member slot of the host, NONE when the room is empty */
bit gen[NC];              /* identity of the member in slot i: flips when a new member joins there */
byte session[NC];         /* RoomService.sessions: the connection that speaks for member i, or NONE */

/* ---- Server side of each connection (ClientConnection and its phases, ConnectionRegistry, Outbox) ---- */
bit open[NCONN];          /* transport open: transportClosed() not run yet */
bit hasMember[NCONN];     /* ClientConnection.memberId() != null: its phase holds a member */
bit sub[NCONN];           /* subscribed to the room's broadcasts */
bit mid[NCONN];           /* Admission.join: rooms.join() done, the phase's member/registry.joined() not yet */
bit inreg[NCONN];         /* ConnectionRegistry.current holds this connection */
bit closing[NCONN];       /* the network lost it; the server has not noticed yet */
bit cgen[NCONN];          /* which member identity (gen) the connection speaks for */
chan up[NCONN] = [UPCAP] of { mtype, byte, bit };      /* kind, base version, position or token */
chan down[NCONN] = [DOWNCAP] of { mtype, byte, bit };  /* Outbox queue: joined, errors */
byte slot[NCONN];         /* Outbox timeline slot: the newest unsent timeline replaces an older one */
bit slotFull[NCONN];

/* ---- Clients (CowatchClient + PlayerSync) ---- */
byte cv[NC];              /* the timeline the client applied */
bit ep[NC];               /* which of its two connections the client uses */
bit cup[NCONN];           /* the client considers this connection up */
bit joinedC[NC];          /* joined received on the current connection */
bit tok[NC];              /* resume token: the member identity it names */
byte player[NC];
bit offline[NC];          /* gave up reconnecting (closed the laptop) */
#ifdef MUTANT_ECHO
chan playerEvents[NC] = [4] of { byte };   /* events the player emits after being driven */
#endif

byte gesturesLeft = GESTURES;
byte stallsLeft = STALLS;
byte dropsLeft = DROPS;

/* Property verdicts: hidden (not part of the state), named so that pan's report names them. */
hidden byte p1_no_echo;
hidden byte p2_versions_grow;
hidden byte p3_agreement;
hidden byte p5_paused_stays_paused;
hidden byte p6_presence;

#define WAITING_NOW (ST(room) == WAITING)
#define HOLDS(m) (present[m] && mconn[m] && readiness[m] == R_BUFFERING)
#define ANY_HOLDS (HOLDS(0) || HOLDS(1) || HOLDS(2))
#ifdef HOST_ONLY
#define PERMITTED(m) (host == (m))
#else
#define PERMITTED(m) (1)
#endif
#ifdef MUTANT_NO_VERSION_CHECK
#define STALE(b) (0)
#define FROM_FUTURE(b) (0)
#else
#define STALE(b) ((b) < VER(room))
#define FROM_FUTURE(b) ((b) > VER(room))
#endif
#define LIVE(i) (cup[2 * (i) + ep[i]] && joinedC[i])

/* Nothing in flight: every message sent has been handled, every connection loss noticed. */
#define QUIET_UP (len(up[0]) == 0 && len(up[1]) == 0 && len(up[2]) == 0 && len(up[3]) == 0 \
                  && len(up[4]) == 0 && len(up[5]) == 0)
#define QUIET_DOWN (len(down[0]) == 0 && len(down[1]) == 0 && len(down[2]) == 0 && len(down[3]) == 0 \
                    && len(down[4]) == 0 && len(down[5]) == 0 \
                    && !slotFull[0] && !slotFull[1] && !slotFull[2] && !slotFull[3] && !slotFull[4] && !slotFull[5])
#define QUIET_CONN (!mid[0] && !mid[1] && !mid[2] && !mid[3] && !mid[4] && !mid[5] \
                    && !closing[0] && !closing[1] && !closing[2] && !closing[3] && !closing[4] && !closing[5])
#define QUIET (QUIET_UP && QUIET_DOWN && QUIET_CONN)
#define AGREE ((!LIVE(0) || cv[0] == room) && (!LIVE(1) || cv[1] == room) && (!LIVE(2) || cv[2] == room))
#define PRESENCE_OK ((LIVE(0) == (present[0] && mconn[0])) && (LIVE(1) == (present[1] && mconn[1])) \
                     && (LIVE(2) == (present[2] && mconn[2])))

/* 3. Agreement: whenever users have stopped and the network has delivered what they caused,
 *    every connected client has applied the room's latest timeline. Checked after every step. */
#ifdef CHECK_PRESENCE
/* 6. Presence: when all is quiet, the room's connected members are exactly the live clients. */
#define CHECK_P6 p6_presence = (!QUIET || PRESENCE_OK); assert(p6_presence)
#else
#define CHECK_P6 skip
#endif
#define CHECK_QUIET p3_agreement = (!QUIET || AGREE); assert(p3_agreement); CHECK_P6

/* 4. No permanent WAITING: whenever the room waits, it eventually stops waiting. */
ltl p4_waiting_ends { [] (WAITING_NOW -> <> !WAITING_NOW) }


/* ================================ the server ================================ */

#define DELIVER(k) if :: sub[k] && open[k] && cup[k] -> slot[k] = room; slotFull[k] = 1 :: else -> skip fi

/* Room.withTimeline + RoomService.publish: the one place the room's timeline changes. */
inline setRoom(t, cause, actor, base) {
  p2_versions_grow = (VER(t) == VER(room) + 1);
  assert(p2_versions_grow);
  /* 5. Leaving PAUSED takes a play from a permitted member who saw this very pause. */
  p5_paused_stays_paused = (ST(room) != PAUSED || ST(t) == PAUSED
      || (cause == M_PLAY && actor < NC && present[actor] && PERMITTED(actor) && base == VER(room)));
  assert(p5_paused_stays_paused);
  room = t;
  DELIVER(0); DELIVER(1); DELIVER(2); DELIVER(3); DELIVER(4); DELIVER(5)
}

/* RoomDecider.startPlaying: anchored ahead ("scheduled"), or WAITING if someone holds the room. */
inline startPlaying(pos, cause, actor, base) {
  if
  :: ANY_HOLDS -> nt = TL(VER(room) + 1, WAITING, pos)
  :: else -> nt = TL(VER(room) + 1, PLAYING, pos)
  fi;
  setRoom(nt, cause, actor, base)
}

/* RoomDecider.resumeIfNobodyHolds */
inline resumeIfNobodyHolds(actor) {
  if
  :: WAITING_NOW && !ANY_HOLDS ->
     nt = TL(VER(room) + 1, PLAYING, POS(room));
     setRoom(nt, M_READY, actor, 0)
  :: else -> skip
  fi
}

/* RoomDecider.control with ControlRules.alreadyInEffect; a conflict answers with the timeline. */
inline control(c, m, k, b, a) {
  if
  :: PERMITTED(m) && FROM_FUTURE(b) -> skip     /* VERSION_FROM_FUTURE (p2 says: never happens) */
  :: PERMITTED(m) && !FROM_FUTURE(b) ->
     inEffect = ((k == M_PLAY && ST(room) != PAUSED) || (k == M_PAUSE && ST(room) == PAUSED)
                 || (k == M_SEEK && ST(room) != PLAYING && POS(room) == a));
     if
     :: STALE(b) && !inEffect ->
        if :: cup[c] -> down[c]!M_CONFLICT, room, 0 :: else -> skip fi
     :: STALE(b) && inEffect -> skip
     :: !STALE(b) && inEffect -> skip
     :: !STALE(b) && !inEffect ->
        if
        :: k == M_PLAY -> startPlaying(POS(room), k, m, b)
        :: k == M_PAUSE && ST(room) == PLAYING ->   /* pausePosition: wherever it had got to */
           if :: nt = TL(VER(room) + 1, PAUSED, 0) :: nt = TL(VER(room) + 1, PAUSED, 1) fi;
           setRoom(nt, k, m, b)
        :: k == M_PAUSE && ST(room) == WAITING ->
           nt = TL(VER(room) + 1, PAUSED, POS(room)); setRoom(nt, k, m, b)
        :: k == M_SEEK && ST(room) == PLAYING -> startPlaying(a, k, m, b)
        :: k == M_SEEK && ST(room) != PLAYING ->
           nt = TL(VER(room) + 1, ST(room), a); setRoom(nt, k, m, b)
        fi
     fi
  :: !PERMITTED(m) -> skip                       /* NOT_ALLOWED */
  fi
}

/* RoomDecider.buffering */
inline bufferingDecision(m, b) {
  p2_versions_grow = (b <= VER(room));
  assert(p2_versions_grow);
  if
  :: readiness[m] == R_READY ->
     readiness[m] = R_BUFFERING;
     if
     :: ST(room) == PLAYING && mconn[m] ->
        nt = TL(VER(room) + 1, WAITING, POS(room)); setRoom(nt, M_BUFFERING, m, b)
     :: else -> skip
     fi
  :: else -> skip
  fi
}

/* RoomDecider.ready */
inline readyDecision(m, b) {
  p2_versions_grow = (b <= VER(room));
  assert(p2_versions_grow);
  if
  :: readiness[m] != R_READY -> readiness[m] = R_READY; resumeIfNobodyHolds(m)
  :: else -> skip
  fi
}

/* Membership.disconnect */
inline disconnectDecision(m) {
  if
  :: mconn[m] -> mconn[m] = 0; resumeIfNobodyHolds(m)
  :: else -> skip
  fi
}

/* Membership.remove after the reconnect grace (Membership.expireGraces), with host hand-over;
 * RoomService.publish forgets its session (MemberLeft). */
inline removeMember(m) {
  present[m] = 0; mconn[m] = 0; readiness[m] = R_READY; session[m] = NONE;
  if
  :: host == m ->   /* a connected member inherits, else any member (join order abstracted) */
     if
     :: present[0] && mconn[0] -> host = 0
     :: present[1] && mconn[1] -> host = 1
     :: present[2] && mconn[2] -> host = 2
     :: !((present[0] && mconn[0]) || (present[1] && mconn[1]) || (present[2] && mconn[2])) ->
        if
        :: present[0] -> host = 0
        :: present[1] -> host = 1
        :: present[2] -> host = 2
        :: !(present[0] || present[1] || present[2]) -> host = NONE
        fi
     fi
  :: else -> skip
  fi;
  resumeIfNobodyHolds(m)
}

/* Admission.join, first half: RoomService.join under the room's lock, which also makes
 * this connection the one that speaks for the member (sessions.put), new member or resume. */
inline helloJoin(c, m, token) {
  if
  :: present[m] && gen[m] == token ->            /* resumable: Membership.reconnect */
     if
     :: !mconn[m] ->
        mconn[m] = 1;
        if :: readiness[m] == R_BUFFERING -> readiness[m] = R_CATCHING_UP :: else -> skip fi
     :: else -> skip
     fi
  :: else ->                                     /* Membership.join as a new member */
     assert(!present[m]);                        /* bound of the model: one member per client */
     present[m] = 1; gen[m] = 1 - gen[m]; mconn[m] = 1;
     if :: host == NONE -> host = m :: else -> skip fi;
     if
     :: ST(room) == PAUSED -> readiness[m] = R_READY
     :: else -> readiness[m] = R_CATCHING_UP
     fi
  fi;
  session[m] = c; cgen[c] = gen[m]; sub[c] = 1;
  if :: cup[c] -> down[c]!M_JOINED, room, gen[m] :: else -> skip fi;
  mid[c] = 1
}

/* Closing.release: unsubscribe, then RoomService.disconnect under the room's
 * lock: the member is marked disconnected only if this connection still speaks for it
 * (sessions.remove(key, this)). Once per member: by whoever closed the connection, or by the
 * join when it came after the close. */
inline releaseMembership(c, m) {
  if
  :: hasMember[c] ->
     sub[c] = 0;
     if
     :: session[m] == c ->
        session[m] = NONE;
        if   /* RoomDecider.decide: Disconnect of a member (a session's member is always one) */
        :: present[m] && gen[m] == cgen[c] -> disconnectDecision(m)
        :: else -> skip
        fi
     :: else -> skip     /* another connection speaks for it now, or it left */
     fi
  :: else -> skip        /* memberId still null: nothing to unsubscribe, nobody to disconnect */
  fi
}

/* ClientConnection.transportClosed or close (network loss noticed, sweep, or replaced): the move to
 * Closed, then outbox closed, ConnectionRegistry.removed, releaseMembership. */
inline transportClosed(c, m) {
  if
  :: open[c] ->
     open[c] = 0; closing[c] = 0; slotFull[c] = 0;
     do :: nempty(up[c]) -> up[c]?_, _, _ :: empty(up[c]) -> break od;
     do :: nempty(down[c]) -> down[c]?_, _, _ :: empty(down[c]) -> break od;
     if :: cup[c] -> cup[c] = 0; joinedC[m] = 0 :: else -> skip fi;   /* the client sees the close */
     inreg[c] = 0;        /* registry.removed: only a connection with a memberId is there */
     releaseMembership(c, m)
  :: else -> skip
  fi
}

/* Admission.join, second half: the member put into the phase (ConnectionLife.joined),
 * ConnectionRegistry.joined (which closes the member's older connection: replacedBy), and releaseMembership if the
 * transport closed while joining (its transportClosed found no member in the phase). */
inline helloRegister(c, m) {
  mid[c] = 0; hasMember[c] = 1;
  if
  :: inreg[c ^ 1] && cgen[c ^ 1] == cgen[c] -> transportClosed(c ^ 1, m)
  :: else -> skip
  fi;
  inreg[c] = 1;           /* registered even if closed meanwhile, as registry.joined does */
  if
  :: !open[c] -> releaseMembership(c, m)
  :: else -> skip
  fi
}

/* One message of connection c: ClientConnection.received -> RoomService.apply -> RoomDecider.decide. */
inline receive(c, m) {
  up[c]?k, b, a;
  if
  :: k == M_HELLO -> helloJoin(c, m, a)
  :: k != M_HELLO && present[m] && gen[m] == cgen[c] ->
     if
     :: k == M_BUFFERING -> bufferingDecision(m, b)
     :: k == M_READY -> readyDecision(m, b)
     :: k == M_PLAY || k == M_PAUSE || k == M_SEEK -> control(c, m, k, b, a)
     fi
  :: k != M_HELLO && !(present[m] && gen[m] == cgen[c]) -> skip    /* NOT_A_MEMBER */
  fi;
  k = 0; b = 0; a = 0; inEffect = 0; nt = 0
}

#define CONNECTION(c) \
  :: atomic { nempty(up[c]) && open[c] && !mid[c] -> receive(c, c / 2); CHECK_QUIET } \
  :: atomic { mid[c] -> helloRegister(c, c / 2); nt = 0; CHECK_QUIET } \
  :: atomic { closing[c] -> transportClosed(c, c / 2); nt = 0; CHECK_QUIET }

#define GRACE(m) :: atomic { present[m] && !mconn[m] -> removeMember(m); nt = 0; CHECK_QUIET }

proctype Server() {
  mtype k; byte b; bit a; bit inEffect; byte nt;
end:
  do
  CONNECTION(0)
  CONNECTION(1)
  CONNECTION(2)
  CONNECTION(3)
  CONNECTION(4)
  CONNECTION(5)
  GRACE(0)
  GRACE(1)
  GRACE(2)
#ifndef MUTANT_NO_TIMEOUT
  :: atomic {   /* RoomDecider.tick at the wait deadline: stragglers catch up, the room plays */
       WAITING_NOW ->
       if :: HOLDS(0) -> readiness[0] = R_CATCHING_UP :: else -> skip fi;
       if :: HOLDS(1) -> readiness[1] = R_CATCHING_UP :: else -> skip fi;
       if :: HOLDS(2) -> readiness[2] = R_CATCHING_UP :: else -> skip fi;
       nt = TL(VER(room) + 1, PLAYING, POS(room));
       setRoom(nt, C_TIMEOUT, NONE, 0);
       nt = 0; CHECK_QUIET
     }
#endif
  od
}

/* ================================ the clients ================================ */

#define C (2 * i + ep[i])

/* CowatchClient.sendControl and friends: every send goes through here. */
inline send(k, a, echo) {
  p1_no_echo = !echo;
  assert(p1_no_echo);
  up[C]!k, VER(cv[i]), a
}

/* PlayerSync.sendGesture: a gesture becomes an intent only if it differs from the timeline. */
inline gesture(gk, gp, echo) {
  if
  :: gk == M_PLAY && ST(cv[i]) == PAUSED -> send(M_PLAY, 0, echo)
  :: gk == M_PAUSE && ST(cv[i]) != PAUSED -> send(M_PAUSE, 0, echo)
  :: gk == M_SEEK && (ST(cv[i]) == PLAYING || POS(cv[i]) != gp) -> send(M_SEEK, gp, echo)
  :: else -> skip
  fi
}

/* CowatchClient.onTimeline: apply only a newer version; applying drives the player, never sends. */
inline applyTimeline(t) {
  if
  :: VER(t) > VER(cv[i]) ->
     p2_versions_grow = (VER(t) > VER(cv[i]));
     assert(p2_versions_grow);
     cv[i] = t;
#ifdef MUTANT_ECHO
     if :: nfull(playerEvents[i]) -> playerEvents[i]!t :: full(playerEvents[i]) -> skip fi
#endif
  :: else -> skip
  fi
}

proctype Client(byte i) {
  mtype k; byte t; bit g;
end:
  do
  :: atomic {   /* the Outbox queue first: joined, conflict errors */
       cup[C] && nempty(down[C]) ->
       down[C]?k, t, g;
       if
       :: k == M_JOINED ->   /* CowatchClient.onJoined takes the snapshot without a version check */
          p2_versions_grow = (VER(t) >= VER(cv[i]));
          assert(p2_versions_grow);
          cv[i] = t; tok[i] = g; joinedC[i] = 1
       :: k == M_CONFLICT -> applyTimeline(t)
       fi;
       k = 0; t = 0; g = 0; CHECK_QUIET
     }
  :: atomic {   /* then the newest timeline */
       cup[C] && empty(down[C]) && slotFull[C] ->
       slotFull[C] = 0; applyTimeline(slot[C]); slot[C] = 0; CHECK_QUIET
     }
  :: atomic {   /* a person presses play, pause or seek */
       gesturesLeft > 0 && cup[C] ->
       gesturesLeft--;
       if
       :: k = M_PLAY
       :: k = M_PAUSE
       :: k = M_SEEK; g = 0
       :: k = M_SEEK; g = 1
       fi;
       gesture(k, g, 0);
       k = 0; g = 0; CHECK_QUIET
     }
  :: atomic {   /* the player stalls: PlayerSync.onPlayerEvent(WAITING) */
       stallsLeft > 0 && cup[C] && player[i] == PLAYER_OK ->
       stallsLeft--; player[i] = PLAYER_LOADING; send(M_BUFFERING, 0, 0); CHECK_QUIET
     }
  :: atomic {   /* ... and can play again: CAN_PLAY (lost if the connection is down) */
       player[i] == PLAYER_LOADING ->
       player[i] = PLAYER_OK;
       if :: cup[C] -> send(M_READY, 0, 0) :: else -> skip fi;
       CHECK_QUIET
     }
  :: atomic { player[i] == PLAYER_LOADING -> player[i] = PLAYER_HUNG; CHECK_QUIET }   /* ... or never does */
  :: atomic {   /* the connection drops; in-flight messages to the client are lost */
       dropsLeft > 0 && cup[C] ->
       dropsLeft--; cup[C] = 0; joinedC[i] = 0; slotFull[C] = 0; slot[C] = 0;
       do :: nempty(down[C]) -> down[C]?_, _, _ :: empty(down[C]) -> break od;
       closing[C] = 1; CHECK_QUIET
     }
  :: atomic {   /* reconnect with the resume token (once: the model has two connections per client) */
       !cup[C] && !offline[i] && ep[i] == 0 ->
       ep[i] = 1; open[C] = 1; cup[C] = 1;
       up[C]!M_HELLO, 0, tok[i]; CHECK_QUIET
     }
  :: atomic { !cup[C] && !offline[i] -> offline[i] = 1; CHECK_QUIET }    /* ... or never come back */
#ifdef MUTANT_ECHO
  :: atomic {   /* no echo guard: a player event caused by applying a timeline counts as a gesture */
       playerEvents[i]?t ->
       if
       :: cup[C] && ST(t) == PLAYING -> gesture(M_PLAY, 0, 1)
       :: cup[C] && ST(t) != PLAYING -> gesture(M_PAUSE, 0, 1)
       :: !cup[C] -> skip
       fi;
       t = 0; CHECK_QUIET
     }
#endif
  od
}

init {
  atomic {
    byte j = 0;
    do
    :: j < NC ->
       present[j] = 1; mconn[j] = 1; readiness[j] = R_READY; session[j] = 2 * j;
       open[2 * j] = 1; hasMember[2 * j] = 1; sub[2 * j] = 1; inreg[2 * j] = 1; cup[2 * j] = 1;
       joinedC[j] = 1; cv[j] = room; player[j] = PLAYER_OK;
       j++
    :: j >= NC -> break
    od;
    j = 0;
    run Server(); run Client(0); run Client(1); run Client(2)
  }
}
