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

  @Override
  public String toString() {
    return name + " (" + processes.stream().map(ServerProcess::toString).collect(Collectors.joining(" + ")) + ")";
  }

  @Override
  public void close() {
    for (ServerProcess p : processes) p.close();
  }
}
