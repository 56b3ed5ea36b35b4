package dev.cowatch.protocol;

import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Timeline;
import java.util.Objects;

/**
 * What members say to each other on the {@code sync} data channel of their peer mesh
 * (docs/protocol.md 3.12). {@link SyncFrames} reads and writes them; web/src/p2p/syncFrames.ts is the
 * TypeScript twin, held to the same answers by protocol/src/test/resources/p2p/sync-frame-vectors.json.
 *
 * <p>Times ({@code t0}, {@code t1}, {@code t2}, {@code atMs}) are milliseconds and may be fractional;
 * timeline anchors and intent positions are whole milliseconds, as core keeps them.
 */
public sealed interface SyncFrame {
  /** The purpose of the peer connections that carry sync (docs/protocol.md 3.11). */
  String SYNC_PURPOSE = "sync";
  /** Rooms with more connected members than this keep no peer connections. */
  int MAX_MESH = 8;
  /** Longer text is not a frame. */
  int MAX_FRAME_CHARS = 16_384;
  /** A peer that sends more frames a second than this is hung up on. */
  int MAX_FRAMES_PER_SECOND = 50;

  /** A clock sample: the sender's estimate of server time when it sent it. */
  record Ping(double t0) implements SyncFrame {}

  /** The answer to a ping: {@code t1}/{@code t2} are the answering peer's server-time estimates on taking and answering it. */
  record Pong(double t0, double t1, double t2) implements SyncFrame {}

  /** Who the sender is, its role, the last server timeline version it saw, and whether it lost the server. */
  record Hello(String memberId, Role role, long serverVersion, boolean lost) implements SyncFrame {
    public Hello {
      Objects.requireNonNull(memberId, "memberId");
      Objects.requireNonNull(role, "role");
    }
  }

  /**
   * An intent for the acting authority, carrying the peer version its sender saw: play, pause, seek or
   * setRate (the media cannot change without the server). {@code ref} names it in a refusal.
   */
  record IntentFrame(Intent.Control intent, String ref) implements SyncFrame {
    public IntentFrame {
      Objects.requireNonNull(intent, "intent");
      Objects.requireNonNull(ref, "ref");
      if (intent instanceof Intent.SetMedia) throw new IllegalArgumentException("peers cannot change the media");
    }
  }

  /**
   * The peers' timeline ({@code version} is the peer version), {@code base} the server version it grew
   * from, {@code by} the member that decided it ("" for the server's own last timeline), and the cause:
   * who asked ({@code causeMemberId}, "" for nobody) and what ({@code causeIntent}).
   */
  record TimelineFrame(Timeline timeline, long base, String by, String causeMemberId, String causeIntent)
      implements SyncFrame {
    public TimelineFrame {
      Objects.requireNonNull(timeline, "timeline");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(causeMemberId, "causeMemberId");
      Objects.requireNonNull(causeIntent, "causeIntent");
    }
  }

  /** An intent the acting authority refused ({@code code}: conflict, not_allowed, ...), with its timeline. */
  record Refused(String ref, String code, Timeline timeline) implements SyncFrame {
    public Refused {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(timeline, "timeline");
    }
  }

  /** A chat line written while the server was lost; peers pass on a {@code lineId} they see for the first time. */
  record Chat(String lineId, String memberId, String name, String text, double atMs) implements SyncFrame {
    public Chat {
      Objects.requireNonNull(lineId, "lineId");
      Objects.requireNonNull(memberId, "memberId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(text, "text");
    }
  }
}
