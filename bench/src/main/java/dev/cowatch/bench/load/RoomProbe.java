package dev.cowatch.bench.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Times one room's fan-out: from the moment a member (usually the room's controller) sends an
 * intent until the last other member has received the timeline it produced. A room's viewers may
 * sit on different loops, so everything here is under the probe's lock (taken a few times per
 * timeline, never contended long).
 */
final class RoomProbe {
  /** Who sent the intent awaited: its own copy of the timeline does not count. */
  private Viewer sender;
  private final Counters counters;
  private final Set<Viewer> members = new HashSet<>();
  private final Set<Viewer> seen = new HashSet<>();
  private final List<Double> latenciesMs = new ArrayList<>();
  private long knownVersion = -1;
  private long awaitedVersion = -1;
  private long sentNanos;
  private boolean recording;
  private long timedOut;
  /** Intents finished or timed out so far, and when the last one did: the fan-out run paces by it. */
  private long settled;
  private long settledNanos = System.nanoTime();
  /** The script's next step (Intents.nth) for this room. */
  private long step;

  RoomProbe(Counters counters) {
    this.counters = counters;
  }

  synchronized void joined(Viewer v, long version) {
    members.add(v);
    knownVersion = Math.max(knownVersion, version);
    // Joined with the awaited timeline already in its welcome: it has seen it.
    if (awaitedVersion >= 0 && version >= awaitedVersion && v != sender) seen.add(v);
  }

  /** A member that left (the soak's churn) is no longer waited for. */
  synchronized void left(Viewer v) {
    if (!members.remove(v)) return;
    seen.remove(v);
    if (awaitedVersion >= 0 && seen.size() >= members.size() - 1) settle(System.nanoTime());
  }

  synchronized void received(Viewer v, long version, long nanos) {
    knownVersion = Math.max(knownVersion, version);
    if (awaitedVersion < 0 || version < awaitedVersion || v == sender || !seen.add(v)) return;
    if (seen.size() == members.size() - 1) finish(nanos);
  }

  /**
   * Whether the room's controller may send its next intent: the last one has settled (its timeline
   * reached everyone, or it was refused as stale), or it has waited {@code patienceNanos} for that
   * and will count as an error. One intent in flight per room: a reply that comes late (the machine
   * stalled for longer than the intent interval) is then still matched to the intent it answers,
   * instead of the next intent's wait being ended by it and the late one counted as lost.
   */
  synchronized boolean mayStart(long nowNanos, long patienceNanos) {
    return awaitedVersion < 0 || nowNanos - sentNanos > patienceNanos;
  }

  /**
   * Starts timing an intent {@code from} is about to send; returns the version to base it on. An
   * earlier intent not yet seen by everyone counts as timed out.
   */
  synchronized long start(Viewer from, long nowNanos, boolean record) {
    if (awaitedVersion >= 0) expire();
    sender = from;
    sentNanos = nowNanos;
    recording = record;
    awaitedVersion = knownVersion + 1;
    seen.clear();
    return knownVersion;
  }

  /**
   * The intent was refused as based on an older version (another change, say a join's, crossed it):
   * nothing to wait for, and not an error, since a client rebases and tries again.
   */
  synchronized void refusedAsStale() {
    if (awaitedVersion < 0) return;
    step--; // tried again next: it changed nothing
    settle(System.nanoTime());
  }

  /**
   * The script's step for the room's next intent. One refused as stale is given again: the script goes pause, seek,
   * play in turn so that each intent changes the timeline, and one step skipped put it out of step with the room (a
   * play to a playing room), which the server rightly answers with nothing, and the soak counted as a fan-out that
   * never came (a clean-clone run, 2026-11-29: "2 x fan-out not complete: 0 of 6", after "1 intents refused as stale").
   */
  synchronized long nextStep() {
    return step++;
  }

  /** Ends the wait for an intent that nobody will finish seeing now. */
  synchronized void expire() {
    if (awaitedVersion < 0) return;
    settle(System.nanoTime());
    timedOut++;
    counters.error("fan-out not complete: " + seen.size() + " of " + (members.size() - 1) + " members had the timeline");
  }

  synchronized int members() {
    return members.size();
  }

  synchronized List<Double> latenciesMs() {
    return List.copyOf(latenciesMs);
  }

  synchronized long timedOut() {
    return timedOut;
  }

  /** How many intents have finished or timed out so far. */
  synchronized long settled() {
    return settled;
  }

  /** When the last intent finished or timed out (or when the probe was made). */
  synchronized long settledNanos() {
    return settledNanos;
  }

  /** Waits until {@code count} intents have settled; false if that took longer than {@code boundNanos}. */
  synchronized boolean awaitSettled(long count, long boundNanos) throws InterruptedException {
    long deadline = System.nanoTime() + boundNanos;
    while (settled < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return false;
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private void finish(long nanos) {
    if (recording) latenciesMs.add((nanos - sentNanos) / 1e6);
    settle(nanos);
  }

  private void settle(long nanos) {
    awaitedVersion = -1;
    settled++;
    settledNanos = nanos;
    notifyAll();
  }
}
