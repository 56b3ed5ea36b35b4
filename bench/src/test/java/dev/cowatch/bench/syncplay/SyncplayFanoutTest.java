package dev.cowatch.bench.syncplay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.bench.Ports;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario against Debian's real Syncplay server (installed by the build, see bench/pom.xml):
 * a small room, every action seen by everyone. How fast belongs to the benchmark, not here.
 */
class SyncplayFanoutTest {
  @TempDir Path dir;

  @Test
  void smallRoom_everyActionReachesEveryMember_andNobodyIsDropped() throws Exception {
    try (SyncplayServer server = SyncplayServer.start(dir)) {
      SyncplayFanout.Result r = SyncplayFanout.run(server.address(), 5, 6, Duration.ofSeconds(3));

      assertThat(r.failure()).isNull();
      assertThat(r.errors()).as(r.toString()).isZero();
      assertThat(r.dropped()).as(r.toString()).isZero();
      assertThat(r.strayChanges()).as(r.toString()).isZero();
      assertThat(Arrays.stream(r.latenciesMs()).boxed().toList()).as(r.toString()).hasSize(6)
          .allSatisfy(ms -> assertThat(ms).isFinite().isPositive().isLessThan(3000));
      assertThat(r.clean()).isTrue();
      assertThat(server.process().alive()).isTrue();
    }
  }

  @Test
  void nothingListening_endsAtOnce_withEveryActionAnError() throws Exception {
    long t0 = System.nanoTime();
    SyncplayFanout.Result r = SyncplayFanout.run(
        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), Ports.free()), 3, 4, Duration.ofSeconds(1));

    assertThat(r.failure()).contains("dropped while joining");
    assertThat(r.errors()).isEqualTo(4);
    assertThat(r.latenciesMs()).isEmpty();
    assertThat(r.clean()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(SyncplayFanout.joinBound(3));
  }
}
