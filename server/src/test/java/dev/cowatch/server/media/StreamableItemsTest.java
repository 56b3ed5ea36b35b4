package dev.cowatch.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.room.UserId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StreamableItemsTest {
  private final FakeClock clock = FakeClock.atFixedStart();
  private final StreamableItems cache = new StreamableItems(clock);
  private final Map<String, MediaItem> rows = new HashMap<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final Function<String, Optional<MediaItem>> load = id -> {
    reads.incrementAndGet();
    return Optional.ofNullable(rows.get(id));
  };

  private static MediaItem item(String id, MediaStatus status) {
    MediaItem ready = MediaItem.ready(id, new UserId("u-owner"), "Film", "film.mp4", 100, "ab".repeat(32), "video/mp4",
        FakeClock.FIXED_START_MS);
    return status == MediaStatus.READY ? ready : ready.withStatus(status, null, FakeClock.FIXED_START_MS);
  }

  @Test
  void aReadyItem_isReadOncePerTtl() {
    rows.put("m1", item("m1", MediaStatus.READY));
    for (int i = 0; i < 5; i++) assertThat(cache.find("m1", load)).contains(rows.get("m1"));
    assertThat(reads).hasValue(1);
    clock.elapse(StreamableItems.TTL_MS - 1);
    cache.find("m1", load);
    assertThat(reads).hasValue(1);
    clock.elapse(1);
    cache.find("m1", load);
    assertThat(reads).as("read again once the TTL has passed").hasValue(2);
  }

  @Test
  void aDeletedItem_isGoneAtOnceHere_andWithinTheTtlWhenAnotherNodeDeletedIt() {
    rows.put("m1", item("m1", MediaStatus.READY));
    cache.find("m1", load);
    rows.remove("m1");
    assertThat(cache.find("m1", load)).as("another node's delete, within the TTL").isPresent();
    cache.forget("m1");
    assertThat(cache.find("m1", load)).isEmpty();
    rows.put("m2", item("m2", MediaStatus.READY));
    cache.find("m2", load);
    rows.remove("m2");
    clock.elapse(StreamableItems.TTL_MS);
    assertThat(cache.find("m2", load)).isEmpty();
  }

  @Test
  void anItemNotReady_isReadEveryTime() {
    rows.put("m1", item("m1", MediaStatus.PROCESSING));
    cache.find("m1", load);
    cache.find("m1", load);
    assertThat(reads).hasValue(2);
  }
}
