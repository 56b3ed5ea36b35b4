package dev.cowatch.client.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.client.peer.PeerConnection;
import dev.cowatch.client.peer.PeerConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * libwebrtc loads and makes an offer with the sync channel in it. (Connecting needs addresses other than
 * loopback: JavaPeerBrowserTest meshes a Java client with Chromium pages in a network namespace.)
 */
class LibWebRtcConnectorTest {
  @Test
  void loadsHere_andOffersTheSyncChannel() throws Exception {
    List<String> whyNot = new ArrayList<>();
    PeerConnector connector = LibWebRtcConnector.load(whyNot::add).orElse(null);
    assertThat(whyNot).as("libwebrtc loads on Linux x86-64").isEmpty();

    List<String> descriptions = new CopyOnWriteArrayList<>();
    PeerConnection c = connector.connect(List.of(), new PeerConnection.Events() {
      @Override
      public void localDescription(String sdp) {
        descriptions.add(sdp);
      }

      @Override
      public void candidate(PeerConnection.Candidate candidate) {}

      @Override
      public void open() {}

      @Override
      public void message(String text) {}

      @Override
      public void ended(String why) {
        descriptions.add("ended: " + why);
      }
    });
    c.offer("sync");
    long until = System.currentTimeMillis() + 5_000;
    while (descriptions.isEmpty() && System.currentTimeMillis() < until) Thread.sleep(20);
    c.close();

    assertThat(descriptions).hasSize(1);
    assertThat(descriptions.getFirst()).startsWith("v=0").contains("m=application").contains("webrtc-datachannel");
    assertThat(c.send("{\"t\":\"ping\",\"t0\":1}")).as("nothing goes before the channel is open").isFalse();
  }

  @Test
  void aHiddenAddress_asksLibwebrtcForRelayCandidatesOnly() {
    assertThat(LibWebRtcConnector.configuration(List.of(), true).iceTransportPolicy)
        .isEqualTo(dev.onvoid.webrtc.RTCIceTransportPolicy.RELAY);
    assertThat(LibWebRtcConnector.configuration(List.of(), false).iceTransportPolicy)
        .isEqualTo(dev.onvoid.webrtc.RTCIceTransportPolicy.ALL);
  }

  @Test
  void aHiddenAddress_gathersNoHostCandidate_whereAnOpenOneDoes() throws Exception {
    assertThat(candidates(new LibWebRtcConnector(false))).as("this machine has an address to show").anyMatch(c -> c.contains("typ host"));
    assertThat(candidates(new LibWebRtcConnector(true))).noneMatch(c -> c.contains("typ host"));
  }

  private static List<String> candidates(PeerConnector connector) throws InterruptedException {
    List<String> got = new CopyOnWriteArrayList<>();
    PeerConnection c = connector.connect(List.of(), new PeerConnection.Events() {
      @Override
      public void localDescription(String sdp) {}

      @Override
      public void candidate(PeerConnection.Candidate candidate) {
        got.add(candidate.candidate());
      }

      @Override
      public void open() {}

      @Override
      public void message(String text) {}

      @Override
      public void ended(String why) {}
    });
    c.offer("sync");
    Thread.sleep(1_500);
    c.close();
    return got;
  }
}
