package dev.cowatch.bench;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A server the benchmark started and where its copy of the file is served: one process (Cowatch,
 * nginx) or several that serve together (nginx in front of Cowatch), whose CPU time counts together.
 */
record Started(String name, List<ServerProcess> processes, RangeLoad.Target target) implements AutoCloseable {
  Started {
    processes = List.copyOf(processes);
    if (processes.isEmpty()) throw new IllegalArgumentException("a server has at least one process");
  }

  Started(ServerProcess process, RangeLoad.Target target) {
    this(process.name(), List.of(process), target);
  }

  /** The process that answers first (the front, when there are several). */
  ServerProcess process() {
    return processes.getFirst();
  }

  boolean alive() {
    return processes.stream().allMatch(ServerProcess::alive);
  }

  /** CPU time of every process of this server and their descendants. */
  long cpuNanos() {
    return processes.stream().mapToLong(ServerProcess::cpuNanos).sum();
  }

  /** CPU time of each process (with its descendants), in the order of {@link #processes}. */
  long[] cpuNanosEach() {
    return processes.stream().mapToLong(ServerProcess::cpuNanos).toArray();
  }

  /**
   * Where a server of several processes spent its CPU since {@code before} ({@link #cpuNanosEach}), over
   * {@code seconds}: " (nginx-accel 40%, cowatch-accel 50%)"; empty for a server of one process.
   */
  String cpuShares(long[] before, double seconds) {
    if (processes.size() < 2 || seconds <= 0) return "";
    long[] now = cpuNanosEach();
    StringBuilder b = new StringBuilder(" (");
    for (int i = 0; i < now.length; i++) {
      if (i > 0) b.append(", ");
      b.append(processes.get(i).name()).append(' ')
          .append(Math.round(100 * (now[i] - before[i]) / 1e9 / seconds)).append('%');
    }
    return b.append(')').toString();
  }

  @Override
  public String toString() {
    return name + " (" + processes.stream().map(ServerProcess::toString).collect(Collectors.joining(" + ")) + ")";
  }

  @Override
  public void close() {
    for (ServerProcess p : processes) p.close();
  }
}
