package dev.cowatch.server.platform.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HmacTest {
  private static final byte[] KEY = "key".getBytes(StandardCharsets.US_ASCII);

  @Test
  void sha256_isRfc4231sTestCase2() {
    byte[] mac = Hmac.sha256("Jefe".getBytes(StandardCharsets.US_ASCII),
        "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
    assertThat(HexFormat.of().formatHex(mac))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void keyed_signsAsSha256Does_manyMessagesAtOnce() throws Exception {
    Hmac.Keyed keyed = Hmac.keyed(KEY);
    List<Callable<Boolean>> tasks = IntStream.range(0, 2_000).<Callable<Boolean>>mapToObj(i -> () -> {
      byte[] m = ("message " + i).getBytes(StandardCharsets.UTF_8);
      return java.util.Arrays.equals(keyed.sign(m), Hmac.sha256(KEY, m));
    }).toList();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<Boolean> f : pool.invokeAll(tasks)) assertThat(f.get()).isTrue();
    }
  }
}
