package dev.cowatch.server.room.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bounded per-connection queue that keeps a slow client from slowing its room, and writes without a thread. */
class OutboxTest {

  /** A sink that either completes every write at once or holds each until the test completes it. */
  private static final class FakeSink implements Outbox.Sink, Outbox.Listener {
    final boolean completeAtOnce;
    final List<String> written = new ArrayList<>();
    final List<Outbox.Write> inFlight = new ArrayList<>();
    int finished;
    Throwable failure;

    FakeSink(boolean completeAtOnce) {
      this.completeAtOnce = completeAtOnce;
    }

    @Override
    public void write(ByteBuffer utf8, Outbox.Write done) {
      written.add(StandardCharsets.UTF_8.decode(utf8).toString());
      if (completeAtOnce) done.succeeded();
      else inFlight.add(done);
    }

    /** The client takes the frame in flight. */
    void complete() {
      inFlight.remove(0).succeeded();
    }

    @Override
    public void finished() {
      finished++;
    }

    @Override
    public void failed(Throwable cause) {
      failure = cause;
    }
  }

  private static ByteBuffer b(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Outbox outbox(int capacity, FakeSink sink) {
    return new Outbox(capacity, sink, sink, () -> 1_000);
  }

  @Test
  void offerBeyondCapacity_isRefused_whileTheClientIsNotTaking() {
    FakeSink sink = new FakeSink(false);
    Outbox outbox = outbox(2, sink);
    assertThat(outbox.offer(() -> b("in flight"))).isTrue();
    assertThat(outbox.offer(() -> b("1"))).isTrue();
    assertThat(outbox.offer(() -> b("2"))).isTrue();
    assertThat(outbox.offer(() -> b("3"))).isFalse();
    assertThat(sink.written).containsExactly("in flight");
  }

  @Test
  void stateMessages_neverCountAgainstCapacity_andKeepOnlyTheLatest() {
    FakeSink sink = new FakeSink(false);
    Outbox outbox = outbox(1, sink);
    assertThat(outbox.offer(() -> b("in flight"))).isTrue();
    assertThat(outbox.offer(() -> b("event"))).isTrue();
    for (int v = 1; v <= 100; v++) {
      outbox.offerTimeline(b("timeline-" + v));
      outbox.offerPresence(b("presence-" + v));
    }
    for (int i = 0; i < 3; i++) sink.complete();
    assertThat(sink.written).containsExactly("in flight", "event", "timeline-100", "presence-100");
    sink.complete();
    assertThat(sink.inFlight).as("nothing else is pending").isEmpty();
  }

  @Test
  void presenceChanges_areWrittenAfterTheListTheyChange_orReplacedByTheWholeListWhenOneIsPending() {
    FakeSink sink = new FakeSink(false);
    Outbox outbox = outbox(10, sink);
    outbox.offer(() -> b("in flight"));
    outbox.offerPresenceChanges(b("changes-1"), b("whole-1"));
    outbox.offerPresenceChanges(b("changes-2"), b("whole-2"));
    sink.complete();
    assertThat(sink.written).as("two changes pending: the list after both").containsExactly("in flight", "whole-2");
    outbox.offerPresenceChanges(b("changes-3"), b("whole-3"));
    sink.complete();
    assertThat(sink.written).as("the list before it was written: changes suffice")
        .containsExactly("in flight", "whole-2", "changes-3");
    outbox.offerPresence(b("whole-4"));
    outbox.offerPresenceChanges(b("changes-5"), b("whole-5"));
    while (!sink.inFlight.isEmpty()) sink.complete();
    assertThat(sink.written).as("a whole list pending: replaced by the one after the changes").endsWith("changes-3", "whole-5");
  }

  @Test
  void queuedMessagesGoFirst_thenTimeline_thenPresence() {
    FakeSink sink = new FakeSink(false);
    Outbox outbox = outbox(10, sink);
    outbox.offer(() -> b("joined"));
    outbox.offerPresence(b("presence"));
    outbox.offerTimeline(b("timeline"));
    outbox.offer(() -> b("error"));
    while (!sink.inFlight.isEmpty()) sink.complete();
    assertThat(sink.written).containsExactly("joined", "error", "timeline", "presence");
  }

  @Test
  void queuedMessage_isProducedWhenWritten_notWhenOffered() {
    FakeSink sink = new FakeSink(false);
    Outbox outbox = outbox(10, sink);
    AtomicInteger stamped = new AtomicInteger();
    outbox.offer(() -> b("first"));
    outbox.offer(() -> b("pong-" + stamped.incrementAndGet()));
    assertThat(stamped).hasValue(0);
    sink.complete();
    assertThat(sink.written).containsExactly("first", "pong-1");
  }

  @Test
  void writesThatCompleteAtOnce_followEachOtherInALoop_notByRecursion() {
    FakeSink sink = new FakeSink(true);
    Outbox outbox = outbox(200_000, sink);
    // With recursion, this many synchronous completions would overflow the stack.
    for (int i = 0; i < 100_000; i++) outbox.offer(() -> b("m"));
    assertThat(sink.written).hasSize(100_000);
  }

  @Test
  void aWriteCompletingLater_startsTheNextFromItsCallback() {
    FakeSink sink = new FakeSink(false);
    Outbox outbox = outbox(10, sink);
    outbox.offer(() -> b("a"));
    outbox.offer(() -> b("b"));
    assertThat(sink.written).containsExactly("a");
    sink.complete();
    assertThat(sink.written).containsExactly("a", "b");
  }

  @Test
  void finish_writesWhatIsQueued_thenSaysFinishedOnce_andDropsLaterState() {
    FakeSink sink = new FakeSink(false);
    Outbox outbox = outbox(10, sink);
    outbox.offer(() -> b("error"));
    outbox.offer(() -> b("bye"));
    outbox.finish();
    outbox.offerTimeline(b("timeline"));
    assertThat(sink.finished).isZero();
    sink.complete();
    sink.complete();
    assertThat(sink.written).containsExactly("error", "bye");
    assertThat(sink.finished).isEqualTo(1);
    outbox.finish();
    assertThat(sink.finished).isEqualTo(1);
    // A broadcast reaching the connection while its close is on the way (a sign-out's own presence) writes nothing:
    // it once wrote an empty frame, which clients read as a message that is not JSON.
    outbox.offerPresence(b("presence"));
    assertThat(sink.written).containsExactly("error", "bye");
    assertThat(sink.inFlight).isEmpty();
    assertThat(sink.failure).isNull();
  }

  @Test
  void close_dropsEverything_andAcceptsQuietly() {
    FakeSink sink = new FakeSink(false);
    Outbox outbox = outbox(1, sink);
    outbox.offer(() -> b("in flight"));
    outbox.offer(() -> b("queued"));
    outbox.offerTimeline(b("timeline"));
    outbox.close();
    sink.complete();
    assertThat(sink.written).containsExactly("in flight");
    assertThat(outbox.offer(() -> b("late"))).as("no slow-consumer close for an already closed connection").isTrue();
    assertThat(outbox.offer(() -> b("later"))).isTrue();
  }

  @Test
  void aFailedWrite_tellsTheListener_andWritesNothingMore() {
    FakeSink sink = new FakeSink(false);
    Outbox outbox = outbox(10, sink);
    outbox.offer(() -> b("a"));
    outbox.offer(() -> b("b"));
    sink.inFlight.remove(0).failed(new IOException("broken pipe"));
    assertThat(sink.failure).hasMessage("broken pipe");
    outbox.offer(() -> b("c"));
    assertThat(sink.written).containsExactly("a");
  }

  @Test
  void writingSince_isTheStartOfTheWriteInFlight() {
    FakeSink sink = new FakeSink(false);
    AtomicLong now = new AtomicLong(5_000);
    Outbox outbox = new Outbox(10, sink, sink, now::get);
    assertThat(outbox.writingSinceMs()).isZero();
    outbox.offer(() -> b("a"));
    now.set(9_000);
    assertThat(outbox.writingSinceMs()).isEqualTo(5_000);
    sink.complete();
    assertThat(outbox.writingSinceMs()).isZero();
  }
}
