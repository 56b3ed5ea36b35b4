package dev.cowatch.server.account;

/**
 * Argon2id cost. The default is OWASP's first recommendation (19 MiB, 2 passes, 1 lane), measured at
 * about 73 ms per hash on the 2-core build machine (Temurin 25, password4j 1.8.4): slow enough to make
 * offline guessing expensive, fast enough that a sign-in does not keep a core busy for long. One lane
 * because password4j runs extra lanes on a thread pool, and many concurrent sign-ins already fill the cores.
 *
 * @param memoryKiB memory per hash in KiB
 * @param iterations passes over that memory
 * @param parallelism lanes
 */
public record Argon2Params(int memoryKiB, int iterations, int parallelism) {
  public static final Argon2Params DEFAULT = new Argon2Params(19_456, 2, 1);
  /** For tests only: about 2 ms a hash. */
  public static final Argon2Params FAST_FOR_TESTS = new Argon2Params(1_024, 1, 1);

  public Argon2Params {
    if (memoryKiB < 8 * parallelism || memoryKiB > 4 * 1024 * 1024) throw new IllegalArgumentException("argon2 memory out of range");
    if (iterations < 1 || iterations > 100) throw new IllegalArgumentException("argon2 iterations must be 1-100");
    if (parallelism < 1 || parallelism > 64) throw new IllegalArgumentException("argon2 parallelism must be 1-64");
  }
}
