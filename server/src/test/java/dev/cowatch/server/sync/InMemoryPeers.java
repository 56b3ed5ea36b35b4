package dev.cowatch.server.sync;

import dev.cowatch.client.peer.IceServer;
import dev.cowatch.client.peer.PeerConnection;
import dev.cowatch.client.peer.PeerConnector;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peer connections inside one JVM, for tests of the Java client's peer sync without a WebRTC stack:
 * an offer's "SDP" names the offering connection, the answer pairs the two, and text goes across on a
 * thread of its own (as a real channel's messages arrive on the stack's threads). The signaling still
 * goes through the real server.
 */
final class InMemoryPeers implements PeerConnector, AutoCloseable {
  private final Map<String, Conn> offers = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final ExecutorService wire = Executors.newSingleThreadExecutor();

  @Override
  public PeerConnection connect(List<IceServer> iceServers, PeerConnection.Events events) {
    return new Conn(events);
  }

  @Override
  public void close() {
    wire.shutdownNow();
  }

  private final class Conn implements PeerConnection {
    private final Events events;
    private volatile Conn other;
    private volatile boolean open;
    private volatile boolean closed;

    Conn(Events events) {
      this.events = events;
    }

    @Override
    public void offer(String label) {
      String id = "mem-" + ids.incrementAndGet();
      offers.put(id, this);
      wire.execute(() -> events.localDescription(id));
    }

    @Override
    public void answer(String offerSdp) {
      Conn offerer = offers.remove(offerSdp);
      if (offerer == null) {
        wire.execute(() -> events.ended("no such offer"));
        return;
      }
      other = offerer;
      offerer.other = this;
      wire.execute(() -> events.localDescription("answer-" + offerSdp));
    }

    @Override
    public void answered(String answerSdp) {
      Conn o = other;
      if (o == null) return;
      wire.execute(() -> {
        open = true;
        o.open = true;
        events.open();
        o.events.open();
      });
    }

    @Override
    public void addCandidate(Candidate candidate) {}

    @Override
    public boolean send(String text) {
      Conn o = other;
      if (!open || closed || o == null || o.closed) return false;
      wire.execute(() -> o.events.message(text));
      return true;
    }

    @Override
    public void close() {
      closed = true;
      Conn o = other;
      if (o != null && !o.closed) wire.execute(() -> o.events.ended("closed by its peer"));
    }
  }
}
