package dev.cowatch.server.room.ws;

import static dev.cowatch.server.Timings.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Peer-to-peer signals go to the one member named, from a sender the server names, within limits. */
class SignalRelayTest {
  private static TestServer ts;

  @BeforeAll
  static void startServer() {
    ts = new TestServer();
  }

  @AfterAll
  static void stopServer() {
    ts.close();
  }

  private static String signal(String to, String kind, String payload) {
    return signal(to, "file", kind, payload);
  }

  private static String signal(String to, String purpose, String kind, String payload) {
    return "{\"type\":\"signal\",\"to\":\"" + to + "\",\"session\":\"s-1\",\"purpose\":\"" + purpose + "\",\"kind\":\""
        + kind + "\"" + (payload == null ? "" : ",\"payload\":\"" + payload + "\"") + ",\"ref\":\"r1\"}";
  }

  /** The two sockets ordered by member id: the first is the one the mesh rule lets offer. */
  private static RawSocket[] byId(RawSocket a, String aId, RawSocket b, String bId) {
    return aId.compareTo(bId) < 0 ? new RawSocket[] {a, b} : new RawSocket[] {b, a};
  }

  @Test
  void aSignal_reachesTheNamedMemberAlone_inOrder_withTheSendersIdAndName() {
    RoomId room = ts.createRoom("film.mp4");
    try (RawSocket a = RawSocket.open(ts.wsUri(room.value()));
        RawSocket b = RawSocket.open(ts.wsUri(room.value()));
        RawSocket cy = RawSocket.open(ts.wsUri(room.value()))) {
      String aId = a.hello("Ann").memberId();
      String bId = b.hello("Bob").memberId();
      String cyId = cy.hello("Cy").memberId();
      // The offerer is whichever of the two the mesh rule lets offer (the smaller id); Cy stays out of it.
      RawSocket[] pair = byId(a, aId, b, bId);
      RawSocket ann = pair[0];
      RawSocket bob = pair[1];
      String annId = ann == a ? aId : bId;
      String bobId = ann == a ? bId : aId;
      String annName = ann == a ? "Ann" : "Bob";
      ann.send(signal(bobId, "sync", "offer", "v=0"));
      for (int i = 0; i < 5; i++) ann.send(signal(bobId, "sync", "candidate", "c" + i));
      within(RawSocket.WAIT).until(() -> bob.messages(ServerMessage.Signal.class).size() == 6);
      List<ServerMessage.Signal> got = bob.messages(ServerMessage.Signal.class);
      assertThat(got.get(0)).isEqualTo(new ServerMessage.Signal(annId, annName, "s-1", "sync", "offer", "v=0"));
      assertThat(got.subList(1, 6)).extracting(ServerMessage.Signal::payload).containsExactly("c0", "c1", "c2", "c3", "c4");

      bob.send(signal(annId, "sync", "refuse", null));
      within(RawSocket.WAIT).until(() -> ann.messages(ServerMessage.Signal.class).size() == 1);
      assertThat(ann.messages(ServerMessage.Signal.class).get(0).kind()).isEqualTo("refuse");
      assertThat(ann.messages(ServerMessage.Signal.class).get(0).from()).isEqualTo(bobId);
      assertThat(cy.messages(ServerMessage.Signal.class)).isEmpty();
      assertThat(cyId).isNotIn(annId, bobId);
    }
  }

  @Test
  void aSyncOffer_fromTheMemberTheMeshDidNotChooseToOffer_isRefused_andNeverReachesTheOther() {
    RoomId room = ts.createRoom("film.mp4");
    try (RawSocket a = RawSocket.open(ts.wsUri(room.value()));
        RawSocket b = RawSocket.open(ts.wsUri(room.value()))) {
      String aId = a.hello("Ann").memberId();
      String bId = b.hello("Bob").memberId();
      RawSocket[] pair = byId(a, aId, b, bId);
      String firstId = pair[0] == a ? aId : bId;
      // The larger id would make the smaller answer (and so learn its addresses): the mesh never asks that.
      pair[1].send(signal(firstId, "sync", "offer", "v=0"));
      assertThat(pair[1].awaitError("not_allowed").message()).contains("mesh does not pair you");
      // Nor for a purpose nobody answers.
      pair[0].send(signal(pair[0] == a ? bId : aId, "voice", "offer", "v=0"));
      assertThat(pair[0].awaitError("not_allowed").message()).contains("'voice'");
      assertThat(pair[0].messages(ServerMessage.Signal.class)).isEmpty();
      assertThat(pair[1].messages(ServerMessage.Signal.class)).isEmpty();
    }
  }

  @Test
  void inARoomOverTheMeshSize_noMemberCanMakeAnotherAnswerASyncOffer() {
    RoomId room = ts.createRoom("film.mp4");
    List<RawSocket> sockets = new java.util.ArrayList<>();
    try {
      java.util.TreeMap<String, RawSocket> byMember = new java.util.TreeMap<>();
      for (int i = 0; i <= dev.cowatch.protocol.SyncFrame.MAX_MESH; i++) {
        RawSocket s = RawSocket.open(ts.wsUri(room.value()));
        sockets.add(s);
        byMember.put(s.hello("M" + i).memberId(), s);
      }
      // Nine connected: no mesh, so even the smallest id may not offer the others.
      RawSocket smallest = byMember.firstEntry().getValue();
      for (String other : byMember.tailMap(byMember.firstKey(), false).keySet()) smallest.send(signal(other, "sync", "offer", "v=0"));
      within(RawSocket.WAIT).until(() -> smallest.errors("not_allowed").size() == dev.cowatch.protocol.SyncFrame.MAX_MESH);
      assertThat(smallest.errors("not_allowed").get(0).message()).contains("at most 8");
      for (RawSocket s : sockets) assertThat(s.messages(ServerMessage.Signal.class)).isEmpty();
    } finally {
      sockets.forEach(RawSocket::close);
    }
  }

  @Test
  void aFileOffer_goesOnlyToTheMemberWhoseSharedFileTheRoomPlays() {
    RoomId room = ts.createRoom("film.mp4");
    try (dev.cowatch.server.http.Api api = new dev.cowatch.server.http.Api(ts);
        RawSocket ann = RawSocket.open(ts.wsUri(room.value()));
        RawSocket bob = RawSocket.open(ts.wsUri(room.value()));
        RawSocket cy = RawSocket.open(ts.wsUri(room.value()))) {
      String annId = ann.hello("Ann").memberId();
      // Bob signs in: guests may not change the media.
      ServerMessage.Joined bobJoined = bob.helloWithToken("Bob", api.account("Bob").token());
      String bobId = bobJoined.memberId();
      String cyId = cy.hello("Cy").memberId();
      // Nobody shares anything yet: a file offer would only be a way to make Bob answer.
      ann.send(signal(bobId, "file", "offer", "v=0"));
      assertThat(ann.awaitError("not_allowed").message()).contains("shares no file");
      bob.send("{\"type\":\"setMedia\",\"version\":" + bobJoined.room().timeline().version()
          + ",\"mediaId\":\"peer:" + bobId + "/share1?n=film.mp4&s=10&t=video%2Fmp4\"}");
      within(RawSocket.WAIT).until(() -> ann.messages(ServerMessage.TimelineUpdate.class).stream()
          .anyMatch(u -> u.timeline().mediaId().startsWith("peer:")));
      ann.send(signal(bobId, "file", "offer", "v=0"));
      within(RawSocket.WAIT).until(() -> bob.messages(ServerMessage.Signal.class).size() == 1);
      assertThat(bob.messages(ServerMessage.Signal.class).get(0).from()).isEqualTo(annId);
      // Bob shares; Cy does not: a file offer to Cy is still refused.
      ann.send(signal(cyId, "file", "offer", "v=0"));
      within(RawSocket.WAIT).until(() -> ann.errors("not_allowed").size() == 2);
      assertThat(cy.messages(ServerMessage.Signal.class)).isEmpty();
      // Two receivers of Bob's file may connect to serve each other; neither may make the sharer answer one.
      ann.send(signal(cyId, "file-swarm", "offer", "v=0"));
      within(RawSocket.WAIT).until(() -> cy.messages(ServerMessage.Signal.class).size() == 1);
      assertThat(cy.messages(ServerMessage.Signal.class).get(0).purpose()).isEqualTo("file-swarm");
      ann.send(signal(bobId, "file-swarm", "offer", "v=0"));
      within(RawSocket.WAIT).until(() -> ann.errors("not_allowed").size() == 3);
      assertThat(ann.errors("not_allowed").get(2).message()).contains("sharer");
    }
  }

  @Test
  void aSwarmOffer_whileTheRoomPlaysNoSharedFile_isRefused() {
    RoomId room = ts.createRoom("film.mp4");
    try (RawSocket ann = RawSocket.open(ts.wsUri(room.value()));
        RawSocket bob = RawSocket.open(ts.wsUri(room.value()))) {
      ann.hello("Ann");
      String bobId = bob.hello("Bob").memberId();
      ann.send(signal(bobId, "file-swarm", "offer", "v=0"));
      assertThat(ann.awaitError("not_allowed").message()).contains("no shared file");
      assertThat(bob.messages(ServerMessage.Signal.class)).isEmpty();
    }
  }

  @Test
  void aSignalToSomeoneNotInTheRoom_orToOneself_isRefused() {
    RoomId room = ts.createRoom("film.mp4");
    RoomId other = ts.createRoom("film.mp4");
    try (RawSocket ann = RawSocket.open(ts.wsUri(room.value()));
        RawSocket elsewhere = RawSocket.open(ts.wsUri(other.value()))) {
      String annId = ann.hello("Ann").memberId();
      String strangerId = elsewhere.hello("Stranger").memberId();
      ann.send(signal(strangerId, "offer", "v=0"));
      assertThat(ann.awaitError("not_a_member").message()).contains(strangerId);
      ann.send(signal(annId, "offer", "v=0"));
      assertThat(ann.awaitError("invalid_argument").message()).contains("yourself");
      assertThat(elsewhere.messages(ServerMessage.Signal.class)).isEmpty();
    }
  }

  @Test
  void aSignalBeforeHello_orBreakingARule_getsAClearError() {
    RoomId room = ts.createRoom("film.mp4");
    try (RawSocket ann = RawSocket.open(ts.wsUri(room.value()))) {
      ann.send(signal("m-x", "offer", "v=0"));
      assertThat(ann.awaitError("hello_required")).isNotNull();
      ann.hello("Ann");
      ann.send(signal("m-x", "pranswer", "v=0"));
      assertThat(ann.awaitError("invalid_field").message()).contains("'kind'");
      ann.send(signal("m-x", "answer", "x".repeat(8_193)));
      within(RawSocket.WAIT).until(() -> ann.errors("invalid_field").size() == 2);
      assertThat(ann.errors("invalid_field").get(1).message()).contains("'payload'");
    }
  }

  @Test
  void pastTheSignalBurst_signalsAreRateLimited_andTheConnectionStays() {
    RoomId room = ts.createRoom("film.mp4");
    try (RawSocket ann = RawSocket.open(ts.wsUri(room.value()));
        RawSocket bob = RawSocket.open(ts.wsUri(room.value()))) {
      ann.hello("Ann");
      String bobId = bob.hello("Bob").memberId();
      for (int i = 0; i < MessageLimits.SIGNAL_BURST + 20; i++) ann.send(signal(bobId, "candidate", "c" + i));
      assertThat(ann.awaitError("rate_limited").message()).contains("signals per second");
      within(RawSocket.WAIT).until(() -> bob.messages(ServerMessage.Signal.class).size() >= MessageLimits.SIGNAL_BURST);
      assertThat(bob.messages(ServerMessage.Signal.class).size()).isLessThan(MessageLimits.SIGNAL_BURST + 20);
      assertThat(ann.isClosed()).isFalse();
    }
  }
}
