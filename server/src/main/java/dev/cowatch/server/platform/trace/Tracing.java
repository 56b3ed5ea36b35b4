package dev.cowatch.server.platform.trace;

/**
 * Port: spans of the server's work, for whoever traces it (the ops module fills it in with OpenTelemetry
 * when an OTLP endpoint is configured; nothing else knows OpenTelemetry). A span opened here is the
 * current one on its thread until closed, so the steps below it become its children.
 *
 * <p>Every call sits on a hot path (each intent, each decision). {@link #OFF} answers {@link Span#NONE}
 * for everything: no allocation, no clock read, nothing to close. Callers pass what a span needs as
 * arguments rather than building names, so that tracing off costs a virtual call and nothing more.
 */
public interface Tracing {
  /** A member's intent has arrived on this node: the root of its trace (receive). */
  Span intentReceived(String roomId, String kind);

  /**
   * A step of the work being traced on this thread ({@code room.decide}, {@code room.persist},
   * {@code room.broadcast}): a child of the current span; {@link Span#NONE} when nothing is being traced,
   * so that the room's frequent untraced work (health reports, timers) makes no orphan spans.
   */
  Span step(String name, String roomId);

  /** Traces nothing. */
  Tracing OFF = new Tracing() {
    @Override
    public Span intentReceived(String roomId, String kind) {
      return Span.NONE;
    }

    @Override
    public Span step(String name, String roomId) {
      return Span.NONE;
    }
  };
}
