/*
 * Peers without the server (docs/protocol.md 3.12, issue 24) as the web app implements it
 * (web/src/p2p/peerSync.ts with the pure peerMode.ts, peerAuthority.ts, peerDecider.ts; the server's
 * side is core's HandBackRule): one room decided by the server, three clients that each may lose
 * the server and come back, a full mesh of peer channels between them. A client that lost the server
 * plays the peers' timeline, decided by the acting authority of the clients that lost it; when it is
 * back, the timeline is handed back and the server takes it only if its room did not move.
 *
 * docs/protocol-model.md ("Peers without the server") maps the rules to the code and lists what is
 * abstracted. Switches (spin -D...):
 *   GESTURES, DROPS              bounds on user presses (all users together) and server losses
 *   MUTANT_TWO_AUTHORITIES       every client that lost the server acts as the authority for itself
 *                                (expected: p8_one_authority fails)
 *   LIES                         how many frames the lying peer (issue 51, docs/protocol.md 3.13) writes
 *   MUTANT_TRUST_ANY_PEER        a client plays any peer timeline that is newer, whoever signed it, as
 *                                before the credentials (expected: p9_no_forged_timeline fails)
 */

#ifndef GESTURES
#define GESTURES 2
#endif
#ifndef DROPS
#define DROPS 2
#endif
#ifndef LIES
#define LIES 0
#endif

#define N 3
#define CAP 6

/* A timeline is one byte: version * 4 + state * 2 + position (positions abstracted to 0..1). */
#define PAUSED 0
#define PLAYING 1
#define TL(v, s, p) ((v) * 4 + (s) * 2 + (p))
#define VER(t) ((t) / 4)
#define ST(t) (((t) / 2) % 2)
#define POS(t) ((t) % 2)

/* PeerMode.mode */
#define SERVER 0
#define PEERS 1
#define RETURNING 2

/* Who decided a peer timeline: a client id, or SRV for the server's own last timeline. Client ids are
   also the authority order (every client may control: the control mode is everyone). */
#define SRV 9
/* The lying peer: a member of the room in every client's mesh whose role does not let it control
   playback (a guest in a moderators' room), with a credential of its own and no one else's key. */
#define LIAR 3
/* The role rule (PeerAuthority.mayControl under the room's control mode): the three clients may, the liar not. */
#define MAY_CONTROL(x) ((x) < N)

#define K_PLAY 0
#define K_PAUSE 1
#define K_SEEK 2
#define UNCHANGED 254
#define REFUSED 255

mtype = { M_INTENT, M_HANDBACK, M_JOINED, M_TIMELINE, M_REFUSED, P_INTENT, P_TIMELINE };

byte room = TL(0, PAUSED, 0);       /* the server's timeline (RoomService, RoomDecider) */
byte cv[N];                          /* the timeline each client plays (RoomClient.timeline) */
byte mode[N];                        /* PeerMode.mode */
byte base[N];                        /* PeerMode.base */
byte by[N];                          /* PeerMode.by */
bit conn[N];                         /* the client reaches the server */
bit handedBack[N];                   /* this return's hand-back sent */
byte gestures = GESTURES;
byte drops = DROPS;
bit applying;                        /* inside an apply: p1_no_echo */
bit inEffect;                        /* decide's scratch */
byte n;                              /* broadcast's and tellPeers' loop */

chan up[N] = [CAP] of { mtype, byte, byte, byte };    /* client -> server: kind or tl, base version, position */
chan down[N] = [CAP] of { mtype, byte };              /* server -> client: a timeline */
/* to a client from a peer: from, kind or tl, base, by, and the member whose key signed it (PeerFrameGate checks
   the signature, so the signer is a fact here: a client signs its own frames and passes on others' as signed) */
chan peer[N] = [CAP] of { mtype, byte, byte, byte, byte, byte };

/* The acting authority as client i computes it: the first in the order of itself and the peers that
   lost the server too (peerAuthority.actingAuthority; the mesh is full, so that is every such client). */
#ifdef MUTANT_TWO_AUTHORITIES
#define AUTHORITY(i) (i)
#else
#define AUTHORITY(i) (mode[0] == PEERS -> 0 : (mode[1] == PEERS -> 1 : 2))
#endif

/* p8: at every instant at most one client of the partition acts as its authority. */
#define ACTING(i) (mode[i] == PEERS && AUTHORITY(i) == i)
#define ONE_AUTHORITY (!(ACTING(0) && ACTING(1)) && !(ACTING(0) && ACTING(2)) && !(ACTING(1) && ACTING(2)))

/* Newer peer timeline (PeerMode.newer): a later base, then a higher version, then the more senior
   decider; SRV (the server's own timeline) is older than any peer decision of the same version. */
#define NEWER(t, b, d, i) ((b) > base[i] || ((b) == base[i] && (VER(t) > VER(cv[i]) \
    || (VER(t) == VER(cv[i]) && (d) != by[i] && (d) != SRV && (by[i] == SRV || (d) < by[i])))))

bit p1_no_echo = 1;
bit p2_versions_grow = 1;
bit p3_agreement = 1;
bit p7_peer_agreement = 1;
bit p8_one_authority = 1;
bit p9_no_forged_timeline = 1;
byte lies = LIES;

/* The room's rules for play, pause and seek on a timeline t (RoomDecider.control, peerDecider.ts):
   the new timeline, UNCHANGED, or REFUSED (a stale intent not in effect, or a version from the future). */
inline decide(tl, kind, bv, pos, res) {
  inEffect = ((kind == K_PLAY && ST(tl) == PLAYING) || (kind == K_PAUSE && ST(tl) == PAUSED)
      || (kind == K_SEEK && ST(tl) != PLAYING && POS(tl) == pos));
  if
  :: bv > VER(tl) -> res = REFUSED
  :: bv < VER(tl) && inEffect -> res = UNCHANGED
  :: bv < VER(tl) && !inEffect -> res = REFUSED
  :: bv == VER(tl) && inEffect -> res = UNCHANGED
  :: bv == VER(tl) && !inEffect && kind == K_PLAY -> res = TL(VER(tl) + 1, PLAYING, POS(tl))
  :: bv == VER(tl) && !inEffect && kind == K_PAUSE -> res = TL(VER(tl) + 1, PAUSED, POS(tl))
  :: bv == VER(tl) && !inEffect && kind == K_SEEK -> res = TL(VER(tl) + 1, ST(tl), pos)
  fi
}

/* Every message a client sends goes through here: never while applying a timeline. */
inline send(ch, a, b, c, d) {
  p1_no_echo = !applying;
  assert(p1_no_echo);
  ch!a, b, c, d
}

inline sendPeer(ch, a, b, c, d, e) {
  p1_no_echo = !applying;
  assert(p1_no_echo);
  ch!a, b, c, d, e, b
}

/* Who signed a timeline this client tells: its decider's envelope passed on, or its own for the server's. */
#define SIGNER(i) (by[i] == SRV -> i : by[i])

/* Whether a client takes a peer timeline signed by sg (PeerFrameGate.speaksFor, PeerAuthority.timelineRefusal):
   a decision is its signer's, the server's own has its base's version, and the signer may control. */
#ifdef MUTANT_TRUST_ANY_PEER
#define TRUSTED(t, b, d, sg) (1)
#else
#define TRUSTED(t, b, d, sg) (((((d) == SRV && VER(t) == (b)) || (d) == (sg))) && MAY_CONTROL(sg))
#endif

/* The server broadcasts its new timeline to every client that reaches it (RoomService.publish). */
inline broadcast() {
  for (n : 0 .. N - 1) {
    if
    :: conn[n] -> down[n]!M_TIMELINE, room
    :: else -> skip
    fi
  }
}

/* The acting authority tells every peer (PeerSync.decide -> mesh.broadcast). */
inline tellPeers(i) {
  for (n : 0 .. N - 1) {
    if
    :: n != i -> peer[n]!P_TIMELINE, i, cv[i], base[i], by[i], SIGNER(i)
    :: else -> skip
    fi
  }
}

inline setRoom(t) {
  p2_versions_grow = VER(t) == VER(room) + 1;
  assert(p2_versions_grow);
  room = t
}

/* A client plays a timeline (adoptTimeline, applyTimeline): versions only grow, except the hand-overs
   between the server and the peers, which replace as they are. */
inline apply(i, t) {
  applying = 1;
  cv[i] = t;
  applying = 0
}

/* Everything that is in flight: nothing, and nobody half way back. */
#define QUIET (len(up[0]) + len(up[1]) + len(up[2]) + len(down[0]) + len(down[1]) + len(down[2]) \
    + len(peer[0]) + len(peer[1]) + len(peer[2]) == 0)

/* p3: when all is quiet and every client is back on the server, they all play the room's timeline. */
#define AGREEMENT (!QUIET || !(conn[0] && conn[1] && conn[2] && mode[0] == SERVER && mode[1] == SERVER \
    && mode[2] == SERVER) || (cv[0] == room && cv[1] == room && cv[2] == room))

/* p7: when all is quiet, the clients playing on their peers all play the same timeline. */
#define PEER_AGREE(a, b) (mode[a] != PEERS || mode[b] != PEERS || cv[a] == cv[b])
#define PEER_AGREEMENT (!QUIET || (PEER_AGREE(0, 1) && PEER_AGREE(0, 2) && PEER_AGREE(1, 2)))

inline check() {
  p3_agreement = AGREEMENT;
  assert(p3_agreement);
  p7_peer_agreement = PEER_AGREEMENT;
  assert(p7_peer_agreement);
  p8_one_authority = ONE_AUTHORITY;
  assert(p8_one_authority)
}

/* The lying peer writes a frame of its own to client i: a timeline one version past what i plays (any state
   and position, the same or a later base) that it says it decided itself, that it says is the server's, or
   that it says another client decided; all signed with its own key, the only one it has. */
inline lie(i) {
  select(k : 0 .. 1); select(p : 0 .. 1); select(d : 0 .. 2);
  if
  :: d == 0 -> d = LIAR
  :: d == 1 -> d = SRV
  :: d == 2 -> select(d : 0 .. N - 1)
  fi;
  select(b : 0 .. 1);
  peer[i]!P_TIMELINE, LIAR, TL(VER(cv[i]) + 1, k, p), base[i] + b, d, LIAR
}

active proctype world() {
  byte i, j, t, b, d, g, k, p, res;
  mtype m;
  for (i : 0 .. N - 1) { cv[i] = room; conn[i] = 1; by[i] = SRV }
end:
  do
  /* A user presses play, pause or seek (PlayerSync: only what differs from the timeline it plays). */
  :: gestures > 0 ->
     atomic {
       select(i : 0 .. N - 1); select(k : K_PLAY .. K_SEEK); select(p : 0 .. 1);
       if
       :: ((k == K_PLAY && ST(cv[i]) == PAUSED) || (k == K_PAUSE && ST(cv[i]) == PLAYING)
          || (k == K_SEEK && (POS(cv[i]) != p || ST(cv[i]) == PLAYING))) ->
          gestures--;
          if
          :: mode[i] == SERVER && conn[i] -> send(up[i], M_INTENT, k, VER(cv[i]), p)
          :: mode[i] == SERVER && !conn[i] -> skip            /* the socket is closing: dropped */
          :: mode[i] == RETURNING -> skip                     /* "this needs the server": refused at once */
          :: mode[i] == PEERS && AUTHORITY(i) == i ->
             decide(cv[i], k, VER(cv[i]), p, res);
             if
             :: res < UNCHANGED -> apply(i, res); by[i] = i; tellPeers(i)
             :: else -> skip
             fi
          :: mode[i] == PEERS && AUTHORITY(i) != i -> sendPeer(peer[AUTHORITY(i)], P_INTENT, i, k * 2 + p, VER(cv[i]), 0)
          fi
       :: else -> skip
       fi;
       check()
     }
  /* A client loses the server (socket closed, or no pong for 4 s): what was in flight is lost. */
  :: drops > 0 ->
     atomic {
       select(i : 0 .. N - 1);
       if
       :: conn[i] ->
          drops--; conn[i] = 0;
          do :: nempty(up[i]) -> up[i]?_, _, _, _ :: empty(up[i]) -> break od;
          do :: nempty(down[i]) -> down[i]?_, _ :: empty(down[i]) -> break od;
          if
          :: mode[i] == SERVER ->                             /* PeerMode.lose; hello + own timeline to peers */
             mode[i] = PEERS; base[i] = VER(cv[i]); by[i] = SRV; tellPeers(i)
          :: else -> skip                                     /* lost again while returning: still returning */
          fi
       :: else -> skip
       fi;
       check()
     }
  /* The server is reachable again: a new connection, its joined. */
  :: atomic {
       select(i : 0 .. N - 1);
       if
       :: !conn[i] -> conn[i] = 1; down[i]!M_JOINED, room
       :: else -> skip
       fi;
       check()
     }
  /* The server takes a client's message (RoomService.apply under the room's lock). */
  :: atomic {
       select(i : 0 .. N - 1);
       if
       :: nempty(up[i]) ->
          up[i]?m, t, b, p;
          if
          :: m == M_INTENT ->
             decide(room, t, b, p, res);
             if
             :: res < UNCHANGED -> setRoom(res); broadcast()
             :: res == UNCHANGED -> skip
             :: res == REFUSED -> down[i]!M_REFUSED, room    /* conflict, with the room's timeline */
             fi
          :: m == M_HANDBACK ->                              /* HandBackRule: only an unmoved room */
             if
             :: b == VER(room) && t != room -> setRoom(TL(VER(room) + 1, ST(t), POS(t))); broadcast()
             :: b == VER(room) && t == room -> skip
             :: b != VER(room) -> down[i]!M_REFUSED, room
             fi
          fi
       :: empty(up[i]) -> skip
       fi;
       check()
     }
  /* A client takes a message from the server (RoomClient.receive, steered by PeerSync). */
  :: atomic {
       select(i : 0 .. N - 1);
       if
       :: empty(down[i]) -> skip
       :: nempty(down[i]) -> down[i]?m, t;
       if
       :: m == M_JOINED ->                                   /* PeerMode.serverJoined */
          if
          :: mode[i] == SERVER -> apply(i, t)
          :: mode[i] != SERVER && (VER(t) != base[i] || VER(cv[i]) == base[i]) ->
             mode[i] = SERVER; apply(i, t)                   /* followServer: the server's, as it is */
          :: mode[i] != SERVER && VER(t) == base[i] && VER(cv[i]) != base[i] ->
             mode[i] = RETURNING; handedBack[i] = 0          /* hold the peers' timeline, hand it back */
          fi
       :: m == M_TIMELINE || m == M_REFUSED ->              /* PeerMode.serverTimeline */
          if
          :: mode[i] == SERVER && VER(t) > VER(cv[i]) -> apply(i, t)
          :: mode[i] == RETURNING && VER(t) > base[i] -> mode[i] = SERVER; apply(i, t)
          :: else -> skip
          fi
       fi
       fi;
       check()
     }
  /* A returning client hands the peers' timeline back, at any moment (every place in the order waits
     its turn in the code; any timing is covered here). */
  :: atomic {
       select(i : 0 .. N - 1);
       if
       :: mode[i] == RETURNING && conn[i] && !handedBack[i] ->
          handedBack[i] = 1; send(up[i], M_HANDBACK, cv[i], base[i], 0)
       :: else -> skip
       fi;
       check()
     }
  /* The lying peer writes to a client that plays on its peers. */
  :: lies > 0 ->
     atomic {
       select(i : 0 .. N - 1);
       if
       :: mode[i] == PEERS && nfull(peer[i]) -> lies--; lie(i)
       :: else -> skip
       fi;
       check()
     }
  /* A client takes a frame from a peer (PeerSync.frame). */
  :: atomic {
       select(i : 0 .. N - 1);
       if
       :: empty(peer[i]) -> skip
       :: nempty(peer[i]) -> peer[i]?m, j, t, b, d, g;
       if
       :: m == P_INTENT ->                                   /* only the acting authority decides */
          k = t;
          if
          :: mode[i] == PEERS && AUTHORITY(i) == i ->
             decide(cv[i], k / 2, b, k % 2, res);
             if
             :: res < UNCHANGED -> apply(i, res); by[i] = i; tellPeers(i)
             :: res == UNCHANGED -> skip
             :: res == REFUSED -> peer[j]!P_TIMELINE, i, cv[i], base[i], by[i], SIGNER(i)
             fi
          :: else -> skip
          fi
       :: m == P_TIMELINE && !TRUSTED(t, b, d, g) -> skip   /* refused: the liar's own, or not its signer's */
       :: m == P_TIMELINE && TRUSTED(t, b, d, g) ->         /* the newest wins; an older one is answered */
          if
          :: mode[i] == PEERS && NEWER(t, b, d, i) ->
             apply(i, t); base[i] = b; by[i] = d;
             p9_no_forged_timeline = (g != LIAR);
             assert(p9_no_forged_timeline)
          :: mode[i] == PEERS && !NEWER(t, b, d, i) && (t != cv[i] || b != base[i] || d != by[i]) ->
             peer[j]!P_TIMELINE, i, cv[i], base[i], by[i], SIGNER(i)
          :: else -> skip
          fi
       fi
       fi;
       check()
     }
  od
}
