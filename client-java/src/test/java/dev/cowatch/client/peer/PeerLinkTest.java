package dev.cowatch.client.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One link's signaling: the web app's payloads, candidates held for the remote description, failures. */
class PeerLinkTest {
  private final List<String> signals = new ArrayList<>();
  private final List<String> calls = new ArrayList<>();
  private boolean socketUp = true;
  private int failures;

  private final PeerConnection connection = new PeerConnection() {
    @Override
    public void offer(String label) {
      calls.add("offer " + label);
    }

    @Override
    public void answer(String offerSdp) {
      calls.add("answer " + offerSdp);
    }

    @Override
    public void answered(String answerSdp) {
      calls.add("answered " + answerSdp);
    }

    @Override
    public void addCandidate(Candidate c) {
      calls.add("candidate " + c.candidate());
    }

    @Override
    public boolean send(String text) {
      return true;
    }

    @Override
    public void close() {
      calls.add("close");
    }
  };

  private final PeerLink link = new PeerLink("m-bob", "s1", "sync", (to, session, purpose, kind, payload) -> {
    if (!socketUp) return false;
    signals.add(to + " " + session + " " + purpose + " " + kind + (payload == null ? "" : " " + payload));
    return true;
  }, connection, () -> failures++);

  private static ServerMessage.Signal from(String kind, String payload) {
    return new ServerMessage.Signal("m-bob", "Bob", "s1", "sync", kind, payload);
  }

  @Test
  void descriptionsAndCandidates_goAsTheWebAppsPayloads() {
    link.sendDescription(true, "v=0 offer");
    link.sendCandidate(new PeerConnection.Candidate("candidate:1 1 udp 1 10.0.0.2 5000 typ host", "0", 0));
    assertThat(signals).containsExactly("m-bob s1 sync offer {\"sdp\":\"v=0 offer\"}",
        "m-bob s1 sync candidate {\"candidate\":\"candidate:1 1 udp 1 10.0.0.2 5000 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
  }

  @Test
  void candidatesBeforeTheAnswer_waitForIt() {
    link.handle(from("candidate", "{\"candidate\":\"c1\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}"));
    assertThat(calls).isEmpty();
    link.handle(from("answer", "{\"sdp\":\"v=0 answer\"}"));
    link.handle(from("candidate", "{\"candidate\":\"c2\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}"));
    assertThat(calls).containsExactly("answered v=0 answer", "candidate c1", "candidate c2");
  }

  @Test
  void anOfferTheSocketCannotCarry_failsTheLinkAtOnce() {
    socketUp = false;
    link.sendDescription(true, "v=0 offer");
    assertThat(failures).isEqualTo(1);
    assertThat(calls).containsExactly("close");
  }

  @Test
  void aRefusalOrHangup_endsIt_once() {
    link.handle(from("refuse", "no thanks"));
    link.handle(from("hangup", null));
    assertThat(failures).isEqualTo(1);
  }

  @Test
  void aBrokenPayload_failsTheLink_andABadCandidateIsIgnored() {
    link.handle(from("candidate", "not json"));
    assertThat(failures).isZero();
    link.handle(from("answer", "{\"nosdp\":1}"));
    assertThat(failures).isEqualTo(1);
  }

  @Test
  void close_saysHangupToThePeer() {
    link.close();
    assertThat(signals).containsExactly("m-bob s1 sync hangup");
    assertThat(calls).containsExactly("close");
  }
}
