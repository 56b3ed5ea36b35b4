package dev.cowatch.bench.syncplay;

import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fan-out room as the loop sees it: who is in, whether the room is quiet, and which members have
 * seen the action under way. Member 0 is the controller. The tracking runs on the loop thread; the
 * run's thread reads only the latch, the counters and the futures.
 */
final class FanoutRoom implements SyncplayLoop.Events {
  private final int members;
  /** Members logged in that have received the room's state. */
  private final BitSet in = new BitSet();
  private final CountDownLatch everyoneIn;
  private final AtomicInteger dropped = new AtomicInteger();
  private volatile long lastNewsNanos = System.nanoTime();
  private volatile String firstDrop;
  private SyncplayConnection controller;

  /** Room changes the controller was told of that were not its last action: someone else moved the room. */
  private final AtomicInteger strayChanges = new AtomicInteger();
  /** The action last begun; kept after it completed, for telling its own relay from stray changes. */
  private Action lastBegun;
  private Action action;
  private long sentNanos;
  private final BitSet seen = new BitSet();
  private int unseen;
  private CompletableFuture<Double> done;

  FanoutRoom(int members) {
    this.members = members;
    this.everyoneIn = new CountDownLatch(members);
  }

  int members() {
    return members;
  }

  boolean awaitEveryoneIn(long nanos) throws InterruptedException {
    return everyoneIn.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  int inCount() {
    return members - (int) everyoneIn.getCount();
  }

  long lastNewsNanos() {
    return lastNewsNanos;
  }

  int dropped() {
    return dropped.get();
  }

  int strayChanges() {
    return strayChanges.get();
  }

  String firstDrop() {
    return firstDrop;
  }

  /** Starts timing {@code action} and has the controller send it; on the loop thread. */
  void begin(SyncplayLoop loop, Action next, CompletableFuture<Double> completion) {
    abandon();
    if (dropped.get() > 0 || controller == null) {
      completion.completeExceptionally(new IllegalStateException("members were dropped: " + firstDrop));
      return;
    }
    action = next;
    lastBegun = next;
    done = completion;
    seen.clear();
    unseen = members - 1;
    sentNanos = System.nanoTime();
    next.perform(loop, controller);
  }

  /** Stops waiting for the action under way (it timed out); on the loop thread. */
  void abandon() {
    action = null;
    done = null;
  }

  @Override
  public void loggedIn(SyncplayConnection member) {
    if (member.index() == 0) controller = member;
  }

  @Override
  public void state(SyncplayConnection member, ServerState state, long nanos) {
    int i = member.index();
    if (!in.get(i)) {
      in.set(i);
      everyoneIn.countDown();
    }
    if (i == 0 && state.ignoringServer() != null
        && (lastBegun == null || !lastBegun.shownBy(state.playstate(), controller.name()))) {
      // A forced State: the room changed. Only the controller's actions may change it.
      strayChanges.incrementAndGet();
    }
    if (action == null || i == 0 || seen.get(i) || !action.shownBy(state.playstate(), controller.name())) return;
    seen.set(i);
    if (--unseen == 0) {
      CompletableFuture<Double> finished = done;
      double ms = (nanos - sentNanos) / 1e6;
      abandon();
      finished.complete(ms);
    }
  }

  @Override
  public void roomNews(long nanos) {
    lastNewsNanos = nanos;
  }

  @Override
  public void closed(SyncplayConnection member, String why) {
    if (dropped.getAndIncrement() == 0) firstDrop = member.requestedName() + ": " + why;
    if (action != null && (member.index() == 0 || !seen.get(member.index()))) {
      CompletableFuture<Double> failed = done;
      abandon();
      failed.completeExceptionally(new IllegalStateException(member.requestedName() + " left: " + why));
    }
  }
}
