package dev.cowatch.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The client messages sent many times a second, written directly (a test checks the server's
 * codec reads them as the protocol's {@code ping} and {@code report}); rare ones go through the
 * protocol module's codec.
 */
final class Messages {
  private Messages() {}

  static byte[] ping(long t0) {
    return ("{\"type\":\"ping\",\"t0\":" + t0 + "}").getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] report(double driftMs, double rttMs) {
    return String.format(Locale.ROOT, "{\"type\":\"report\",\"driftMs\":%.1f,\"rttMs\":%.1f}", driftMs, rttMs)
        .getBytes(StandardCharsets.US_ASCII);
  }
}
