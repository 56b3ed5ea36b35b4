package dev.cowatch.server.crash;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the server acknowledged, folded into what it must still show: each account, room, role,
 * chat line, invite, upload offset, showing and the last timeline anyone saw. A write in flight when
 * the server died was never acknowledged: where it would overwrite a value, either value is allowed
 * afterwards ({@code alsoAllowed}). Each entry remembers the cycle it last changed in, so a restart
 * checks what the crash put at risk and the end checks everything. Thread-safe (clients' timelines
 * arrive on their own threads).
 */
final class Acknowledged {
  record Account(String email, String password, String token, String userId, String name, int cycle) {}

  static final class RoomState {
    final String id;
    final String ownerToken;
    final Set<String> names = new LinkedHashSet<>(); // the acknowledged name, then any in flight
    final Map<String, Set<String>> roles = new HashMap<>(); // userId -> acknowledged role (+ in flight)
    final List<String> chat = new ArrayList<>();
    final List<String> invites = new ArrayList<>();
    Timeline lastSeen;
    boolean timelineUncertain;
    long maxVersion = -1;
    int cycle;

    RoomState(String id, String ownerToken) {
      this.id = id;
      this.ownerToken = ownerToken;
    }
  }

  record Upload(String path, String token, long offset, boolean uncertain, int cycle) {}

  record Showing(String id, String token, String title, int cycle) {}

  final Map<String, Account> accounts = new LinkedHashMap<>();
  final Map<String, RoomState> rooms = new LinkedHashMap<>();
  final Map<String, Upload> uploads = new LinkedHashMap<>();
  final Map<String, Showing> showings = new LinkedHashMap<>();
  private int writes;
  private int cycle;

  synchronized void cycle(int value) {
    cycle = value;
  }

  synchronized int writes() {
    return writes;
  }

  synchronized void account(Account a) {
    accounts.put(a.email(), new Account(a.email(), a.password(), a.token(), a.userId(), a.name(), cycle));
    writes++;
  }

  synchronized RoomState room(String id, String ownerToken, String name, String ownerId) {
    RoomState r = new RoomState(id, ownerToken);
    r.names.add(name);
    r.roles.put(ownerId, new LinkedHashSet<>(Set.of("owner")));
    r.cycle = cycle;
    rooms.put(id, r);
    writes++;
    return r;
  }

  synchronized void renamed(RoomState r, String name) {
    r.names.clear();
    r.names.add(name);
    r.cycle = cycle;
    writes++;
  }

  synchronized void role(RoomState r, String userId, String role) {
    r.roles.put(userId, new LinkedHashSet<>(Set.of(role)));
    r.cycle = cycle;
    writes++;
  }

  synchronized void chat(RoomState r, String text) {
    r.chat.add(text);
    r.cycle = cycle;
    writes++;
  }

  synchronized void invite(RoomState r, String token) {
    r.invites.add(token);
    r.cycle = cycle;
    writes++;
  }

  /** A timeline some member was sent: acknowledged, whoever caused it. */
  synchronized void timeline(String roomId, Timeline t) {
    RoomState r = rooms.get(roomId);
    if (r == null) return;
    if (r.lastSeen == null || t.version() >= r.lastSeen.version()) {
      r.lastSeen = t;
      r.timelineUncertain = false;
    }
    r.maxVersion = Math.max(r.maxVersion, t.version());
    r.cycle = cycle;
    writes++;
  }

  synchronized void upload(String path, String token, long offset) {
    uploads.put(path, new Upload(path, token, offset, false, cycle));
    writes++;
  }

  synchronized void showing(Showing s) {
    showings.put(s.id(), new Showing(s.id(), s.token(), s.title(), cycle));
    writes++;
  }

  // What was in flight when the server died: allowed, not required.

  synchronized void maybeRenamed(RoomState r, String name) {
    r.names.add(name);
    r.cycle = cycle;
  }

  synchronized void maybeRole(RoomState r, String userId, String role) {
    // Someone without an acknowledged role may still have none (null).
    r.roles.computeIfAbsent(userId, u -> new LinkedHashSet<>(java.util.Collections.singleton(null))).add(role);
    r.cycle = cycle;
  }

  synchronized void maybeIntent(RoomState r) {
    r.timelineUncertain = true;
    r.cycle = cycle;
  }

  synchronized void maybeUploaded(String path) {
    Upload u = uploads.get(path);
    if (u != null) uploads.put(path, new Upload(path, u.token(), u.offset(), true, cycle));
  }

  /** The acknowledged pause position must come back exactly, unless an intent was in flight. */
  static boolean pausedPositionBinding(RoomState r) {
    return r.lastSeen != null && !r.timelineUncertain && r.lastSeen.state() == PlaybackState.PAUSED;
  }
}
