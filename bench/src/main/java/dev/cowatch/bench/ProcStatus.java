package dev.cowatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** Resident memory from /proc/<pid>/status (Linux only). */
final class ProcStatus {
  private ProcStatus() {}

  /**
   * The {@code VmRSS:} line's figure in KiB (the kernel writes "kB" and means 1024 bytes); empty when
   * the line is missing, as it is for a zombie, or is not a number followed by kB.
   */
  static OptionalLong vmRssKib(String status) {
    for (String line : status.split("\n")) {
      if (!line.startsWith("VmRSS:")) continue;
      String[] parts = line.substring("VmRSS:".length()).strip().split("\\s+");
      if (parts.length != 2 || !parts[1].equals("kB")) return OptionalLong.empty();
      try {
        return OptionalLong.of(Long.parseLong(parts[0]));
      } catch (NumberFormatException e) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  /** VmRSS of one process now; empty when it is gone or has no memory left (exiting). */
  static OptionalLong vmRssKib(long pid) {
    try {
      return vmRssKib(Files.readString(Path.of("/proc/" + pid + "/status")));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Resident memory of a process and its descendants in KiB: the launcher script {@code exec}s the JVM
   * (one process), but a launcher that forked would be counted whole. Empty when the root is gone.
   */
  static OptionalLong treeRssKib(ProcessHandle root) {
    OptionalLong top = vmRssKib(root.pid());
    if (top.isEmpty()) return top;
    long children = root.descendants().mapToLong(p -> vmRssKib(p.pid()).orElse(0)).sum();
    return OptionalLong.of(top.getAsLong() + children);
  }

  /** User + system CPU time of a process and its live descendants, in milliseconds. */
  static long treeCpuMs(ProcessHandle root) {
    long ticks = Stream.concat(Stream.of(root), root.descendants()).mapToLong(p -> ServerProcess.cpuTicks(p.pid())).sum();
    return ticks * 1000 / ServerProcess.TICKS_PER_SECOND;
  }
}
