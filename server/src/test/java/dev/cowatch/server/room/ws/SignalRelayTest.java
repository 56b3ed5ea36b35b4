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
    return "{\"type\":\"signal\",\"to\":\"" + to + "\",\"session\":\"s-1\",\"purpose\":\"file\",\"kind\":\"" + kind
        + "\"" + (payload == null ? "" : ",\"payload\":\"" + payload + "\"") + ",\"ref\":\"r1\"}";
  }

  @Test
  void aSignal_reachesTheNamedMemberAlone_inOrder_withTheSendersIdAndName() {
    RoomId room = ts.createRoom("film.mp4");
    try (RawSocket ann = RawSocket.open(ts.wsUri(room.value()));
        RawSocket bob = RawSocket.open(ts.wsUri(room.value()));
        RawSocket cy = RawSocket.open(ts.wsUri(room.value()))) {
      String annId = ann.hello("Ann").memberId();
      String bobId = bob.hello("Bob").memberId();
      cy.hello("Cy");
      ann.send(signal(bobId, "offer", "v=0"));
      for (int i = 0; i < 5; i++) ann.send(signal(bobId, "candidate", "c" + i));
      within(RawSocket.WAIT).until(() -> bob.messages(ServerMessage.Signal.class).size() == 6);
      List<ServerMessage.Signal> got = bob.messages(ServerMessage.Signal.class);
      assertThat(got.get(0)).isEqualTo(new ServerMessage.Signal(annId, "Ann", "s-1", "file", "offer", "v=0"));
      assertThat(got.subList(1, 6)).extracting(ServerMessage.Signal::payload).containsExactly("c0", "c1", "c2", "c3", "c4");

      bob.send(signal(annId, "refuse", null));
      within(RawSocket.WAIT).until(() -> ann.messages(ServerMessage.Signal.class).size() == 1);
      assertThat(ann.messages(ServerMessage.Signal.class).get(0).kind()).isEqualTo("refuse");
      assertThat(ann.messages(ServerMessage.Signal.class).get(0).from()).isEqualTo(bobId);
      assertThat(cy.messages(ServerMessage.Signal.class)).isEmpty();
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
