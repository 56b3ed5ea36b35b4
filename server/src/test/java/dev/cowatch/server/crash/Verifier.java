package dev.cowatch.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.core.room.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Checks, against a server started again on the same data, that what the ledger holds is there:
 * through the API and WebSocket as any client would see it. Returns each discrepancy as a sentence.
 */
final class Verifier {
  private final Api api;
  private final RoomClients clients;
  private final Acknowledged ledger;
  private int checked;

  Verifier(Api api, RoomClients clients, Acknowledged ledger) {
    this.api = api;
    this.clients = clients;
    this.ledger = ledger;
  }

  int checked() {
    return checked;
  }

  /**
   * Checks what changed in the cycles {@code which} accepts. {@code signIns}: also sign in with that
   * many accounts' passwords (hashing is slow; the token check covers the rest).
   */
  List<String> verify(IntPredicate which, int signIns) throws Exception {
    List<String> lost = new ArrayList<>();
    int signedIn = 0;
    for (Acknowledged.Account a : List.copyOf(ledger.accounts.values())) {
      if (!which.test(a.cycle())) continue;
      checked++;
      var me = api.send("GET", "/api/me", a.token(), null);
      if (me.status() != 200 || !a.userId().equals(me.body().path("id").asText())) {
        lost.add("account " + a.email() + ": GET /api/me answered " + me.status());
      }
      if (signedIn++ < signIns) {
        var in = api.send("POST", "/api/auth/login", null, Map.of("email", a.email(), "password", a.password()));
        if (in.status() != 200) lost.add("account " + a.email() + ": sign-in answered " + in.status());
      }
    }
    for (Acknowledged.RoomState r : List.copyOf(ledger.rooms.values())) {
      if (which.test(r.cycle)) room(r, lost);
    }
    for (Acknowledged.Upload u : List.copyOf(ledger.uploads.values())) {
      if (!which.test(u.cycle())) continue;
      checked++;
      var head = api.send("HEAD", u.path(), u.token(), null, Map.of("Tus-Resumable", "1.0.0"));
      String offset = head.header("Upload-Offset");
      long at = offset == null ? -1 : Long.parseLong(offset);
      if (head.status() != 200 || at < u.offset() || (!u.uncertain() && at != u.offset())) {
        lost.add("upload " + u.path() + ": acknowledged offset " + u.offset() + ", now " + head.status() + " " + at);
      }
    }
    for (Acknowledged.Showing s : List.copyOf(ledger.showings.values())) {
      if (!which.test(s.cycle())) continue;
      checked++;
      var got = api.send("GET", "/api/showings/" + s.id(), s.token(), null);
      if (got.status() != 200 || !s.title().equals(got.body().path("title").asText())) {
        lost.add("showing " + s.id() + ": answered " + got.status());
      }
    }
    return lost;
  }

  private void room(Acknowledged.RoomState r, List<String> lost) throws Exception {
    checked++;
    var got = api.send("GET", "/api/rooms/" + r.id, r.ownerToken, null);
    if (got.status() != 200) {
      lost.add("room " + r.id + ": answered " + got.status());
      return;
    }
    if (!r.names.contains(got.body().path("name").asText())) {
      lost.add("room " + r.id + ": name " + got.body().path("name") + ", acknowledged " + r.names);
    }
    JsonNode members = api.send("GET", "/api/rooms/" + r.id + "/members", r.ownerToken, null).body().path("members");
    for (var role : r.roles.entrySet()) {
      String now = null;
      for (JsonNode m : members) if (role.getKey().equals(m.path("userId").asText())) now = m.path("role").asText();
      if (!role.getValue().contains(now)) {
        lost.add("room " + r.id + ": " + role.getKey() + " is " + now + ", acknowledged " + role.getValue());
      }
    }
    for (String token : r.invites) {
      int status = api.send("GET", "/api/invites/" + token, null, null).status();
      if (status != 200) lost.add("room " + r.id + ": invite answered " + status);
    }
    // Read before joining: the join's own timeline goes into the ledger.
    long maxVersion = r.maxVersion;
    Timeline lastSeen = r.lastSeen;
    boolean binding = Acknowledged.pausedPositionBinding(r);
    var c = clients.of(r.id, r.ownerToken);
    if (!c.sawAll(List.copyOf(r.chat))) {
      for (String text : r.chat) {
        if (!c.chatTexts().contains(text)) lost.add("room " + r.id + ": chat line '" + text + "' missing");
      }
    }
    Timeline now = c.joinedWith();
    if (now.version() <= maxVersion) {
      lost.add("room " + r.id + ": timeline version " + now.version() + " after " + maxVersion + " was acknowledged");
    }
    if (binding && (now.anchorPositionMs() != lastSeen.anchorPositionMs()
        || !java.util.Objects.equals(now.mediaId(), lastSeen.mediaId()))) {
      lost.add("room " + r.id + ": paused at " + lastSeen.anchorPositionMs() + " (v" + lastSeen.version()
          + ") but came back at " + now.anchorPositionMs() + " (v" + now.version() + ")");
    }
  }
}
