package dev.cowatch.bench.cluster;

import dev.cowatch.bench.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A load generator process ({@code dev.cowatch.bench.load.LoadGeneratorMain}) and its line protocol:
 * it says {@code joined}, is told {@code hold}, says {@code held}, is told {@code leave}. Lines
 * starting with {@code #} are its notes, passed on to the run's output. {@code BENCH_GENERATOR_JAVA_OPTS} adds JVM
 * options (a GC log, say), as {@code BENCH_SERVER_JAVA_OPTS} does to the nodes'.
 *
 * <p>A generator runs on ZGC unless those options choose another collector. It stands for some 17,000 browsers, each on
 * its own machine: a pause of its collector stops all of their clocks at once and lands whole in every fan-out it
 * is timing, which no viewer's browser adds. On G1 the generators paused 20-90 ms a few times a minute, a large part
 * of the hold's p99; on ZGC their pauses are under a millisecond (their live heap is small, so the concurrent work is
 * too).
 */
final class LoadGenerator implements AutoCloseable {
  private final ServerProcess process;
  private final BufferedReader in;
  private final Writer commands;
  private final PrintStream out;
  private final String name;

  private LoadGenerator(String name, Process p, PrintStream out) {
    this.name = name;
    this.process = new ServerProcess(name, p);
    this.in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    this.commands = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
    this.out = out;
  }

  static LoadGenerator start(int index, Path roomsFile, int perRoom, List<Integer> nodePorts, int loops, Path log,
      PrintStream out) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    String extra = System.getenv("BENCH_GENERATOR_JAVA_OPTS");
    List<String> options = extra == null || extra.isBlank() ? List.of() : List.of(extra.strip().split("\\s+"));
    if (options.stream().noneMatch(o -> o.matches("-XX:\\+Use\\w*GC"))) command.add("-XX:+UseZGC");
    command.addAll(options);
    command.addAll(List.of("-DCOWATCH_LOG_LEVEL=WARN", "-cp", System.getProperty("java.class.path"),
        "dev.cowatch.bench.load.LoadGeneratorMain", roomsFile.toString(), String.valueOf(perRoom),
        String.join(",", nodePorts.stream().map(String::valueOf).toList()), String.valueOf(loops),
        String.valueOf(8 * index)));
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    return new LoadGenerator("load-generator-" + index, p, out);
  }

  ServerProcess process() {
    return process;
  }

  /** The next answer that is not a note: its words. Fails if the generator exits first. */
  String[] answer() throws IOException {
    for (String line; (line = in.readLine()) != null; ) {
      if (line.startsWith("#")) out.println("  " + name + ": " + line.substring(1));
      else return line.strip().split(" ");
    }
    throw new IOException(name + " ended without answering (see its log)");
  }

  void tell(String command) throws IOException {
    commands.write(command + "\n");
    commands.flush();
  }

  @Override
  public void close() {
    try {
      if (process.alive()) process.process().waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.close();
  }
}
