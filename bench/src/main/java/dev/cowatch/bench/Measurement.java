package dev.cowatch.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * What one server delivered under the media load: complete responses, their body bytes, the time
 * they took, each response's time to first byte, CPU used by the load generator and by the server,
 * and errors. A measurement with any error, or none at all, has no figures: it prints {@code error}.
 *
 * @param seconds wall time from the start of the load until the last client finished
 * @param firstByteMs per request: from writing the request to reading the first byte of the answer
 * @param firstError what went wrong first, or null
 */
record Measurement(long requests, long bytes, double seconds, double[] firstByteMs, double clientCpuSeconds,
    double serverCpuSeconds, long errors, String firstError) {
  static final double MIB = 1024 * 1024;

  static Measurement failed(String why) {
    return new Measurement(0, 0, 0, new double[0], 0, 0, 1, why);
  }

  boolean ok() {
    return errors == 0 && requests > 0 && seconds > 0;
  }

  double mibPerSecond() {
    return bytes / MIB / seconds;
  }

  Stats firstByte() {
    return new Stats(firstByteMs);
  }

  /** Rounds of the same server run at different times add up to one measurement. */
  Measurement plus(Measurement o) {
    double[] all = Arrays.copyOf(firstByteMs, firstByteMs.length + o.firstByteMs.length);
    System.arraycopy(o.firstByteMs, 0, all, firstByteMs.length, o.firstByteMs.length);
    return new Measurement(requests + o.requests, bytes + o.bytes, seconds + o.seconds, all,
        clientCpuSeconds + o.clientCpuSeconds, serverCpuSeconds + o.serverCpuSeconds, errors + o.errors,
        firstError != null ? firstError : o.firstError);
  }

  /** One detail line: throughput, first-byte percentiles and CPU (as a share of one core), or why it failed. */
  String detail(String name) {
    if (!ok()) {
      return String.format(Locale.ROOT, "%s: error (%d errors in %d requests; first: %s)", name, errors, requests + errors,
          firstError == null ? "no request completed" : firstError);
    }
    Stats fb = firstByte();
    return String.format(Locale.ROOT,
        "%s: %.1f MiB/s, %d requests in %.1f s (%.0f req/s), first byte p50=%.2f ms p99=%.2f ms max=%.1f ms, "
            + "cpu client=%.0f%% server=%.0f%%",
        name, mibPerSecond(), requests, seconds, requests / seconds, fb.percentile(50), fb.percentile(99), fb.max(),
        100 * clientCpuSeconds / seconds, 100 * serverCpuSeconds / seconds);
  }

  /** The benchmark's last line; a figure that could not be measured is {@code error}, never a number. */
  static String line(Measurement cowatch, Measurement nginx) {
    String c = cowatch.ok() ? String.format(Locale.ROOT, "%.1f", cowatch.mibPerSecond()) : "error";
    String n = nginx.ok() ? String.format(Locale.ROOT, "%.1f", nginx.mibPerSecond()) : "error";
    String ratio = cowatch.ok() && nginx.ok() && nginx.mibPerSecond() > 0
        ? String.format(Locale.ROOT, "%.3f", cowatch.mibPerSecond() / nginx.mibPerSecond()) : "error";
    String p99 = cowatch.ok() ? String.format(Locale.ROOT, "%.2f", cowatch.firstByte().percentile(99)) : "error";
    return "media: cowatch_mib_s=" + c + " nginx_mib_s=" + n + " ratio=" + ratio + " cowatch_first_byte_p99_ms=" + p99;
  }
}
