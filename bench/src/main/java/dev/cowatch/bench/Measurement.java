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
  static final double GIB = 1024 * MIB;

  static Measurement failed(String why) {
    return new Measurement(0, 0, 0, new double[0], 0, 0, 1, why);
  }

  boolean ok() {
    return errors == 0 && requests > 0 && seconds > 0;
  }

  double mibPerSecond() {
    return bytes / MIB / seconds;
  }

  /** The server's CPU time (user + system, all its processes) per GiB of body bytes it sent. */
  double cpuSecondsPerGib() {
    return serverCpuSeconds / (bytes / GIB);
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
            + "cpu client=%.0f%% server=%.0f%% (%.3f s/GiB)",
        name, mibPerSecond(), requests, seconds, requests / seconds, fb.percentile(50), fb.percentile(99), fb.max(),
        100 * clientCpuSeconds / seconds, 100 * serverCpuSeconds / seconds, cpuSecondsPerGib());
  }

  /**
   * The benchmark's last line: throughput, CPU per GiB and first-byte p99 of Cowatch and nginx, Cowatch's
   * throughput against nginx's ({@code ratio}) and Cowatch behind nginx with X-Accel-Redirect against
   * nginx alone ({@code accel_ratio}). A figure that could not be measured is {@code error}, never a number.
   */
  static String line(Measurement cowatch, Measurement nginx, Measurement accel) {
    return "media: cowatch_mib_s=" + figure(cowatch, "%.1f", Measurement::mibPerSecond)
        + " nginx_mib_s=" + figure(nginx, "%.1f", Measurement::mibPerSecond)
        + " ratio=" + ratio(cowatch, nginx)
        + " cowatch_cpu_s_per_gib=" + figure(cowatch, "%.3f", Measurement::cpuSecondsPerGib)
        + " nginx_cpu_s_per_gib=" + figure(nginx, "%.3f", Measurement::cpuSecondsPerGib)
        + " cowatch_first_byte_p99_ms=" + figure(cowatch, "%.2f", m -> m.firstByte().percentile(99))
        + " nginx_first_byte_p99_ms=" + figure(nginx, "%.2f", m -> m.firstByte().percentile(99))
        + " accel_ratio=" + ratio(accel, nginx);
  }

  private static String figure(Measurement m, String format, java.util.function.ToDoubleFunction<Measurement> f) {
    return m.ok() ? String.format(Locale.ROOT, format, f.applyAsDouble(m)) : "error";
  }

  private static String ratio(Measurement a, Measurement b) {
    return a.ok() && b.ok() && b.mibPerSecond() > 0
        ? String.format(Locale.ROOT, "%.3f", a.mibPerSecond() / b.mibPerSecond()) : "error";
  }
}
