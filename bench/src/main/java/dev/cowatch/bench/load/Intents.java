package dev.cowatch.bench.load;

import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.JsonCodec;
import java.nio.charset.StandardCharsets;

/** The scripted intents, in the order Syncplay's run uses too: pause, seek, play, again and again. */
final class Intents {
  private static final JsonCodec CODEC = new JsonCodec();

  private Intents() {}

  /** The {@code i}-th intent of the script, based on timeline {@code version}. */
  static byte[] nth(long i, long version) {
    long positionMs = 60_000 + (i * 7_919) % 600_000;
    ClientMessage m = switch ((int) (i % 3)) {
      case 0 -> new ClientMessage.Pause(version, positionMs, null);
      case 1 -> new ClientMessage.Seek(version, positionMs, null);
      default -> new ClientMessage.Play(version, null);
    };
    return CODEC.encode(m).getBytes(StandardCharsets.UTF_8);
  }
}
