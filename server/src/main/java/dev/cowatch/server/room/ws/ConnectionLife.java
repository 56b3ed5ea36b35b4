package dev.cowatch.server.room.ws;

import dev.cowatch.server.account.Authenticator.Authenticated;
import dev.cowatch.server.room.ws.ConnectionPhase.Admitting;
import dev.cowatch.server.room.ws.ConnectionPhase.AwaitingHello;
import dev.cowatch.server.room.ws.ConnectionPhase.Closed;
import dev.cowatch.server.room.ws.ConnectionPhase.Ending;
import dev.cowatch.server.room.ws.ConnectionPhase.Member;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * One connection's {@link ConnectionPhase}, in one atomic reference: every move is a compare-and-set from the phase
 * it was decided on, so of two threads racing to move the same phase exactly one does. That is what makes the member
 * leave its room at most once ({@link #leave}), the connection end with one code (the first {@link #end}) and close
 * once ({@link #close}), whichever threads ask. Moves only decide: their effects (telling the room, closing the
 * socket) are the caller's, done by the one whose move won.
 */
final class ConnectionLife {
  private final AtomicReference<ConnectionPhase> phase = new AtomicReference<>(new AwaitingHello(null));

  ConnectionPhase now() {
    return phase.get();
  }

  /** AwaitingHello to Admitting; false, and no move, from any other phase. */
  boolean beginAdmission() {
    return move(p -> p instanceof AwaitingHello a ? new Admitting(a.who()) : null) != null;
  }

  /** The hello's token named {@code who}; false when it stopped admitting meanwhile (it ended or closed). */
  boolean signedIn(Authenticated who) {
    return move(p -> p instanceof Admitting ? new Admitting(who) : null) != null;
  }

  /**
   * The room let {@code member} in. Admitting becomes Member. A connection that began ending or closed while the
   * join was decided keeps its phase, now with the member, so that whoever releases it finds it: ending, the close
   * after it does; closed, the caller (returned Closed).
   */
  ConnectionPhase joined(Member member) {
    ConnectionPhase next = move(p -> switch (p) {
      case Admitting a -> member;
      case Ending e when e.member() == null -> new Ending(e.close(), member, e.left());
      case Closed c when c.member() == null -> new Closed(c.byServerWith(), member, c.left());
      default -> null;
    });
    if (next == null) throw new IllegalStateException("joined while " + phase.get());
    return next;
  }

  /** The hello was refused and the connection stays open: Admitting becomes AwaitingHello again. */
  void admissionOver() {
    move(p -> p instanceof Admitting a ? new AwaitingHello(a.who()) : null);
  }

  /** Begins ending with {@code close}; false when the connection was already ending (its code holds) or closed. */
  boolean end(SocketErrors.Close close) {
    return move(p -> p.reading() ? new Ending(close, p.member(), false) : null) != null;
  }

  /**
   * The member leaves the room, and the connection ends with {@code close} unless it already was ending. Returns the
   * member when the caller is the one to tell the room; null when there is none, or it left or was removed already.
   */
  Member leave(SocketErrors.Close close) {
    Ending next = (Ending) move(p -> switch (p) {
      case Ending e when e.member() != null && !e.left() -> new Ending(e.close(), e.member(), true);
      case Ending e -> null;
      case Closed c -> null;
      default -> new Ending(close, p.member(), p.member() != null);
    });
    return next != null && next.left() ? next.member() : null;
  }

  /**
   * The room removed the member: there is no departure left to report. True when that is what ends the connection
   * (then the room's farewell is to be sent); false when it was ending already or closed.
   */
  boolean removed(SocketErrors.Close close) {
    Move m = moveFrom(p -> switch (p) {
      case Ending e when !e.left() -> new Ending(e.close(), e.member(), true);
      case Ending e -> null;
      case Closed c -> null;
      default -> new Ending(close, p.member(), true);
    });
    return m != null && m.from().reading();
  }

  /**
   * Closes with {@code byServerWith} (0: the client closed, or the transport broke). Returns the phase it closed
   * from, whose membership the caller releases; null when it was closed already (then nothing is the caller's).
   */
  ConnectionPhase close(int byServerWith) {
    while (true) {
      ConnectionPhase p = phase.get();
      if (p instanceof Closed) return null;
      boolean left = p instanceof Ending e && e.left();
      if (phase.compareAndSet(p, new Closed(byServerWith, p.member(), left))) return p;
    }
  }

  /** Moves by {@code step} (null: no move from that phase); returns the phase moved to, or null if none. */
  private ConnectionPhase move(UnaryOperator<ConnectionPhase> step) {
    Move m = moveFrom(step);
    return m == null ? null : m.to();
  }

  private record Move(ConnectionPhase from, ConnectionPhase to) {}

  /** {@link #move}, saying also which phase it moved from. */
  private Move moveFrom(UnaryOperator<ConnectionPhase> step) {
    while (true) {
      ConnectionPhase p = phase.get();
      ConnectionPhase next = step.apply(p);
      if (next == null) return null;
      if (phase.compareAndSet(p, next)) return new Move(p, next);
    }
  }
}
