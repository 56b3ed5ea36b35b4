package dev.cowatch.bench;

/** A server process the benchmark started and where its copy of the file is served. */
record Started(ServerProcess process, RangeLoad.Target target) implements AutoCloseable {
  @Override
  public void close() {
    process.close();
  }
}
