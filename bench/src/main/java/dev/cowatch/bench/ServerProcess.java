package dev.cowatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server the benchmark started as a process of its own (Cowatch's JVM, nginx's master and workers):
 * its CPU time, and stopping it with its children. Linux only: CPU time comes from /proc.
 */
public final class ServerProcess implements AutoCloseable {
  /** USER_HZ: the unit of /proc/<pid>/stat times on every Linux architecture we run on. */
  static final long TICKS_PER_SECOND = 100;

  private final String name;
  private final Process process;

  public ServerProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    // A benchmark stopped with Ctrl-C must not leave servers behind.
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "stop-" + name));
  }

  public Process process() {
    return process;
  }

  String name() {
    return name;
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** User + system CPU time of the process and its descendants (nginx's workers), in nanoseconds. */
  public long cpuNanos() {
    ProcessHandle root = process.toHandle();
    long ticks = Stream.concat(Stream.of(root), root.descendants()).mapToLong(p -> cpuTicks(p.pid())).sum();
    return ticks * (1_000_000_000 / TICKS_PER_SECOND);
  }

  /** Resident memory of the process (VmRSS), in bytes; 0 when the process is gone. */
  public long rssBytes() {
    try {
      return parseRssBytes(Files.readString(Path.of("/proc/" + process.pid() + "/status")));
    } catch (IOException e) {
      return 0;
    }
  }

  /** VmRSS from a /proc/<pid>/status text (in kB there). */
  static long parseRssBytes(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
    }
    return 0;
  }

  /** utime + stime from /proc/<pid>/stat, 0 when the process is gone. */
  static long cpuTicks(long pid) {
    try {
      return parseCpuTicks(Files.readString(Path.of("/proc/" + pid + "/stat")));
    } catch (IOException e) {
      return 0;
    }
  }

  /** The command name may hold spaces and parentheses: fields are counted after its last ')'. */
  static long parseCpuTicks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // f[0] is field 3 (state); utime and stime are fields 14 and 15.
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    if (!process.isAlive()) return;
    // SIGTERM to the top only: nginx's master then stops its workers, and does not respawn them.
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
