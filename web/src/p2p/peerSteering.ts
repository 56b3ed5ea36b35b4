/**
 * Who decides, while the room plays on its peers (docs/protocol.md 3.12), which server timelines this
 * client plays and where its intents and chat go. Without a steering the client follows the server
 * alone; `p2p/peerSync.ts` is the one there is. The room client holds a `SteeringSeat` and asks it;
 * nothing in `net/` knows what the peers decide or why.
 */
import type { Timeline } from '../engine/timeline';
import type { ClientMessage } from '../protocol';

/**
 * What the client does with a timeline from the server: `normal` applies it if newer (a join's
 * snapshot always), `replace` takes it as it is whatever its version (peer mode is over), `hold`
 * keeps playing the peers' timeline.
 */
export type Verdict = 'normal' | 'replace' | 'hold';

export interface PeerSteering {
  /** The member plays on its peers' timeline now (the server is lost or being handed back to). */
  readonly onPeers: boolean;
  /** What to do with a timeline from the server; `joined` for the one a (re)join carries. */
  serverTimeline(t: Timeline, joined: boolean): Verdict;
  /** A control intent while the server is lost: true when the peers took it (else it goes to the server). */
  intent(message: ClientMessage): boolean;
  /** A chat line while the server is lost: true when the peers took it. */
  chat(text: string): boolean;
}

/**
 * The one steering a room client follows, or none. Only its holder can give the seat up: a steering
 * disposed after another took over leaves the newer one in place.
 */
export class SteeringSeat {
  private current: PeerSteering | undefined;

  /** Hands the choice to `steering`; the returned function gives it back (if it still holds it). */
  take(steering: PeerSteering): () => void {
    this.current = steering;
    return () => {
      if (this.current === steering) this.current = undefined;
    };
  }

  get onPeers(): boolean {
    return this.current?.onPeers === true;
  }

  serverTimeline(t: Timeline, joined: boolean): Verdict {
    return this.current?.serverTimeline(t, joined) ?? 'normal';
  }

  /** True when the peers took the intent and the server must not get it. */
  intent(message: ClientMessage): boolean {
    return this.current?.intent(message) === true;
  }

  /** True when the peers took the line. */
  chat(text: string): boolean {
    return this.current?.chat(text) === true;
  }
}
