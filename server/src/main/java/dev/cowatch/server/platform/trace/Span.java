package dev.cowatch.server.platform.trace;

/** One span, current on its thread from its start until {@link #close}, which ends it. */
public interface Span extends AutoCloseable {
  /** Adds an attribute; never a secret (no tokens, passwords, signed URLs). Returns this span. */
  Span attribute(String key, String value);

  /** Marks the span as failed, with a short reason (no secrets). */
  void failed(String reason);

  /** Ends the span and makes the one before it current again. */
  @Override
  void close();

  /** A span that records nothing: what {@link Tracing#OFF} hands out. */
  Span NONE = new Span() {
    @Override
    public Span attribute(String key, String value) {
      return this;
    }

    @Override
    public void failed(String reason) {}

    @Override
    public void close() {}
  };
}
