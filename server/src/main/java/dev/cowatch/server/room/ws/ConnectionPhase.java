package dev.cowatch.server.room.ws;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.server.account.Authenticator.Authenticated;
import dev.cowatch.server.room.bus.RoomBus;

/**
 * Where one connection is in its life; each phase carries what is true of the connection in it and nothing else.
 * {@link ConnectionLife} holds the current one and moves between them:
 *
 * <pre>
 *   AwaitingHello ──hello──▶ Admitting ──joined──▶ Member
 *        ▲                      │
 *        └──refused, stays open─┘
 *   any reading phase ──end / leave / removed──▶ Ending ──queued frames written──▶ Closed
 *   any phase but Closed ──close / transport gone──▶ Closed
 * </pre>
 *
 * No phase is left for an earlier one but Admitting, for AwaitingHello; Closed is never left. A join decided after
 * its connection began ending or closed puts its member into that phase, for whoever releases it to find.
 */
sealed interface ConnectionPhase {
  /** Who the connection speaks for once a hello signed in; null before. */
  Authenticated who();

  /** The member the connection speaks (or spoke) for in its room; null when it never joined. */
  default Member member() {
    return null;
  }

  /** Whether messages read now are handled: not once the connection is ending or closed. */
  default boolean reading() {
    return true;
  }

  /**
   * Open, no hello being answered: the hello timeout runs from the socket's opening.
   *
   * @param who whom a refused hello signed in (the client may say hello again), or null
   */
  record AwaitingHello(Authenticated who) implements ConnectionPhase {}

  /**
   * A hello is being answered on a thread of its own (a turn, the token, the join): the hello timeout does not run,
   * and what the client sends meanwhile, pings aside, is held for after it ({@link HeldForHello}).
   *
   * @param who null until the hello's token is checked
   */
  record Admitting(Authenticated who) implements ConnectionPhase {}

  /** In the room: the member this connection speaks for, and its subscription to the room's broadcasts. */
  record Member(Authenticated who, MemberId id, RoomBus.Subscription subscription) implements ConnectionPhase {
    @Override
    public Member member() {
      return this;
    }
  }

  /**
   * Writing what is queued (the message that explains why), then closing with {@code close}; nothing more is read.
   * The first ending's code is the one the connection closes with.
   *
   * @param member the member the connection spoke for, or joined as while its hello was answered; null if none
   * @param left the room already let the member go (it left, or the room removed it): no disconnect to report
   */
  record Ending(SocketErrors.Close close, Member member, boolean left) implements ConnectionPhase {
    @Override
    public Authenticated who() {
      return member == null ? null : member.who();
    }

    @Override
    public boolean reading() {
      return false;
    }
  }

  /**
   * Gone, whoever closed it; its membership was released once, by whoever moved it here (or, for a join that ended
   * after the close, by the hello's thread).
   *
   * @param byServerWith the code this server closed with; 0 when the client closed or the transport broke
   * @param member the member the connection spoke for, or null
   * @param left as {@link Ending#left}
   */
  record Closed(int byServerWith, Member member, boolean left) implements ConnectionPhase {
    @Override
    public Authenticated who() {
      return member == null ? null : member.who();
    }

    @Override
    public boolean reading() {
      return false;
    }
  }
}
