package dev.cowatch.client.peer;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.client.PeerSteering.Verdict;
import dev.cowatch.core.peer.PeerAuthority;
import dev.cowatch.core.peer.PeerMode;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.Wire;
import java.util.function.Consumer;

/**
 * The way back to the server after a partition (docs/protocol.md 3.12, "Hand-back"): what a timeline from the server
 * means while this member plays by its peers, when this member hands the peers' timeline back (its place in the
 * partition's authority order) and when it stops waiting for anyone's hand-back and follows the server. The rules are
 * core's ({@link PeerMode}, {@link PeerAuthority}); the timers are {@link ReturnSchedule}'s. Not thread-safe: called
 * under {@link PeerSync}'s lock.
 */
final class PeerReturn {
  private final CowatchClient client;
  private final PeerMode mode;
  private final PeerPartition partition;
  private final ReturnSchedule schedule;
  /** Tells the peers this member follows the server again. */
  private final Runnable backOnServer;
  private final Consumer<String> note;
  /** The server's timeline that came when this member joined again: followed if nobody hands back in time. */
  private Timeline heldServerTimeline;
  /** This member's id when it lost the server: its place in the authority order when it returns. */
  private String partitionId;

  PeerReturn(CowatchClient client, PeerMode mode, PeerPartition partition, ReturnSchedule schedule,
      Runnable backOnServer, Consumer<String> note) {
    this.client = client;
    this.mode = mode;
    this.partition = partition;
    this.schedule = schedule;
    this.backOnServer = backOnServer;
    this.note = note;
  }

  /** The server was lost while this member was {@code memberId}. */
  void lost(String memberId) {
    partitionId = memberId;
  }

  /** What the client does with a timeline from the server: {@code joined} when it is the one a (re)join brought. */
  Verdict serverTimeline(Timeline t, boolean joined) {
    if (!joined) {
      PeerMode.ServerVerdict verdict = mode.serverTimeline(t);
      if (verdict == PeerMode.ServerVerdict.REPLACE) {
        schedule.cancel();
        backOnServer.run();
      }
      return switch (verdict) {
        case NORMAL -> Verdict.NORMAL;
        case REPLACE -> Verdict.REPLACE;
        case HOLD -> Verdict.HOLD;
      };
    }
    heldServerTimeline = t;
    // The order holds the ids the partition knew each other by: a member back after its reconnect grace
    // joins under a new id and finds its place by the old one.
    String me = partitionId != null ? partitionId : client.memberId();
    PeerAuthority.Return plan = mode.serverJoined(t, me == null ? -1 : partition.order().indexOf(me));
    note.accept("joined the server at v" + t.version() + " (base " + mode.base() + "): " + plan + ", order " + partition.order());
    int candidates = partition.order().size() + 1;
    return switch (plan) {
      case PeerAuthority.Return.FollowServer f -> {
        schedule.cancel();
        backOnServer.run();
        yield Verdict.REPLACE;
      }
      case PeerAuthority.Return.HandBack h -> {
        schedule.start(h.afterMs(), candidates, this::sendHandBack, this::giveUp);
        yield Verdict.HOLD;
      }
      case PeerAuthority.Return.Wait w -> {
        // One that may not hand back waits for every place of the order and one more (a peer it did not see).
        schedule.start(null, candidates, this::sendHandBack, this::giveUp);
        yield Verdict.HOLD;
      }
    };
  }

  /** The client closes: no timer of a return fires after this. */
  void cancel() {
    schedule.cancel();
  }

  private void sendHandBack() {
    PeerMode.HandBack h = mode.handBack().orElse(null);
    if (h == null) {
      note.accept("no handBack to send (mode " + mode.mode() + ")");
      return;
    }
    String ref = PeerSync.newRef();
    boolean sent = client.handBack(new ClientMessage.HandBack(h.version(), h.mediaId(), Wire.name(h.state()),
        h.anchorPositionMs(), h.anchorTimeMs(), h.rate(), ref));
    // Not sent: the socket closed again; its next `joined` starts a new return with a new turn.
    note.accept("handBack on v" + h.version() + " (" + ref + ") " + (sent ? "sent" : "not sent: not connected"));
  }

  private void giveUp() {
    if (mode.mode() != PeerMode.Mode.RETURNING || heldServerTimeline == null) return;
    note.accept("nobody handed back in time: following the server's v" + heldServerTimeline.version());
    mode.giveUp();
    backOnServer.run();
    client.adoptTimeline(heldServerTimeline, null);
  }
}
