/**
 * Whether a member follows the server or its peers, and the hand-over between the two
 * (docs/protocol.md 3.12). Pure: the caller feeds it what happened and does what it answers.
 *
 * - `server`: the server decides; peer timelines are ignored.
 * - `peers`: the server is lost; the member plays the peers' timeline (its versions grow from `base`,
 *   the server version the partition started from).
 * - `returning`: the member reached the server again, the room had not moved there, and the peers'
 *   timeline is being handed back: it keeps playing that timeline until the server sends one newer than
 *   `base` (the hand-back's, or the server's own if the hand-back was refused).
 */
import type { Timeline } from '../engine/timeline';
import { onServerBack, type ServerBack } from './peerAuthority';

export type Mode = 'server' | 'peers' | 'returning';

/** What to do with a timeline from the server. */
export type ServerTimelineVerdict =
  /** As usual: apply it if newer. */
  | 'normal'
  /** Peer mode is over: take it as it is, even if its version is lower than the peer timeline's. */
  | 'replace'
  /** Ignore it: the peers' timeline is still the one to play. */
  | 'hold';

export class PeerMode {
  mode: Mode = 'server';
  /** The server version the peers started from. */
  base = 0;
  /** The timeline the peers play (meaningful outside `server` mode). */
  timeline: Timeline | undefined;

  /** The server is lost: from now on the peers' timeline, starting from the server's last. */
  lose(lastServerTimeline: Timeline | undefined): void {
    if (this.mode !== 'server' || !lastServerTimeline) return;
    this.mode = 'peers';
    this.base = lastServerTimeline.version;
    this.timeline = lastServerTimeline;
  }

  /**
   * A timeline from the acting authority; true when it is the one to play now. A newer base means the
   * authority saw a later server timeline than this member did: its view wins.
   */
  peerTimeline(t: Timeline, base: number): boolean {
    if (this.mode === 'server' || !this.timeline) return false;
    if (base < this.base || (base === this.base && t.version <= this.timeline.version)) return false;
    this.base = base;
    this.timeline = t;
    return true;
  }

  /** The peers changed something since the server was lost (else there is nothing to hand back). */
  get changed(): boolean {
    return this.mode !== 'server' && this.timeline !== undefined && this.timeline.version !== this.base;
  }

  /**
   * This member joined the server again; `place` is its index in the authority order (-1: may not
   * control). `followServer` ends peer mode: the caller takes the server's timeline as it is.
   */
  serverJoined(serverTimeline: Timeline, place: number): ServerBack {
    if (this.mode === 'server') return { do: 'followServer' };
    const plan = this.changed ? onServerBack(this.base, serverTimeline.version, place) : { do: 'followServer' as const };
    this.mode = plan.do === 'followServer' ? 'server' : 'returning';
    return plan;
  }

  /** A timeline from the server (a broadcast, or the one a `conflict` carries). */
  serverTimeline(t: Timeline): ServerTimelineVerdict {
    if (this.mode === 'server') return 'normal';
    if (this.mode === 'peers') return 'hold'; // a late message from the connection that was lost
    if (t.version <= this.base) return 'hold';
    this.mode = 'server';
    return 'replace';
  }

  /** The `handBack` message for the server, while returning with something to hand back. */
  handBack(ref: string): HandBackMessage | undefined {
    const t = this.timeline;
    if (this.mode !== 'returning' || !t || !this.changed || !t.mediaId || t.state === 'waiting') return undefined;
    return {
      type: 'handBack', version: this.base, mediaId: t.mediaId, state: t.state,
      anchorPositionMs: Math.round(t.anchorPositionMs), anchorTimeMs: Math.round(t.anchorTimeMs), rate: t.rate, ref,
    };
  }
}

export interface HandBackMessage {
  readonly type: 'handBack';
  readonly version: number;
  readonly mediaId: string;
  readonly state: 'paused' | 'playing';
  readonly anchorPositionMs: number;
  readonly anchorTimeMs: number;
  readonly rate: number;
  readonly ref: string;
}
