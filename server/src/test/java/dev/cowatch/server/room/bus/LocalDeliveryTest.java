package dev.cowatch.server.room.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A large room's broadcast is shared among threads, and every listener has it when deliver returns. */
class LocalDeliveryTest {
  private static final Broadcast HELLO = new Broadcast(Broadcast.Kind.EVENT, "{\"type\":\"bye\",\"reason\":\"x\"}");

  @Test
  void everyListenerGetsTheBroadcastOnce_beforeDeliverReturns() {
    try (LocalDelivery delivery = LocalDelivery.withHelpers(3)) {
      for (int size : new int[] {0, 1, LocalDelivery.SLICE, LocalDelivery.SLICE + 1, 1_000}) {
        AtomicInteger[] got = new AtomicInteger[size];
        RoomBus.Listener[] listeners = new RoomBus.Listener[size];
        for (int i = 0; i < size; i++) {
          AtomicInteger count = got[i] = new AtomicInteger();
          listeners[i] = b -> count.incrementAndGet();
        }
        delivery.deliver(listeners, HELLO);
        for (int i = 0; i < size; i++) assertThat(got[i]).as("listener %d of %d", i, size).hasValue(1);
      }
    }
  }

  @Test
  void helpersTakeSlicesOfALargeRoom_whileThePublisherWritesItsOwn() {
    String publisher = Thread.currentThread().getName();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    CountDownLatch publisherStarted = new CountDownLatch(1);
    CountDownLatch helperStarted = new CountDownLatch(1);
    RoomBus.Listener[] listeners = new RoomBus.Listener[LocalDelivery.SLICE * 8];
    for (int i = 0; i < listeners.length; i++) {
      listeners[i] = b -> {
        String me = Thread.currentThread().getName();
        // Each side holds its first slice until the other has one: they write side by side.
        if (threads.add(me)) {
          boolean isPublisher = me.equals(publisher);
          (isPublisher ? publisherStarted : helperStarted).countDown();
          await(isPublisher ? helperStarted : publisherStarted);
        }
      };
    }
    try (LocalDelivery delivery = LocalDelivery.withHelpers(1)) {
      delivery.deliver(listeners, HELLO);
    }
    assertThat(helperStarted.getCount()).as("a helper took a slice").isZero();
    assertThat(threads).containsExactlyInAnyOrder(publisher, "cowatch-fanout");
  }

  @Test
  void aFailingListener_doesNotKeepTheOthersFromTheBroadcast() {
    AtomicInteger got = new AtomicInteger();
    RoomBus.Listener[] listeners = new RoomBus.Listener[100];
    for (int i = 0; i < listeners.length; i++) {
      listeners[i] = i == 40 ? b -> { throw new IllegalStateException("broken"); } : b -> got.incrementAndGet();
    }
    try (LocalDelivery delivery = LocalDelivery.withHelpers(1)) {
      delivery.deliver(listeners, HELLO);
    }
    assertThat(got).hasValue(99);
  }

  @Test
  void afterClose_thePublisherWritesEverythingItself() {
    LocalDelivery delivery = LocalDelivery.withHelpers(2);
    delivery.close();
    AtomicInteger got = new AtomicInteger();
    RoomBus.Listener[] listeners = new RoomBus.Listener[200];
    java.util.Arrays.fill(listeners, (RoomBus.Listener) b -> got.incrementAndGet());
    delivery.deliver(listeners, HELLO);
    assertThat(got).hasValue(200);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
