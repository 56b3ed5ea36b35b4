/**
 * Whether a member follows the server or its peers, and the hand-over between the two
 * (docs/protocol.md 3.12). Pure: the caller feeds it what happened and does what it answers. Its Java
 * twin is core's PeerMode; the shared vectors core/src/test/resources/sync/peer-mode-vectors.json run
 * on both (web/test/peerModeVectors.test.ts, core's PeerModeVectorsTest).
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
  /** Who decided it: a member id, or '' for the server's own last timeline. */
  by = '';

  /** `senior(a, b)`: member `a` comes before `b` in the authority order (ties of equal versions go to it). */
  constructor(private readonly senior: (a: string, b: string) => boolean = (a, b) => a < b) {}

  /** The server is lost: from now on the peers' timeline, starting from the server's last. */
  lose(lastServerTimeline: Timeline | undefined): void {
    if (this.mode !== 'server' || !lastServerTimeline) return;
    this.mode = 'peers';
    this.base = lastServerTimeline.version;
    this.timeline = lastServerTimeline;
    this.by = '';
  }

  /**
   * A peer timeline (decided by `by`, grown from server version `base`), from the acting authority or
   * from any peer that knows a newer one; true when it is the one to play now. Newer is a later base
   * (that peer saw a later server timeline), then a higher version, then, for equal versions (two
   * authorities one after the other, the second deciding before it heard of the first's decision), the
   * more senior decider: so every member of a partition ends up on the same timeline.
   */
  peerTimeline(t: Timeline, base: number, by: string): boolean {
    if (this.mode !== 'peers' || !this.newer(t, base, by)) return false;
    this.base = base;
    this.timeline = t;
    this.by = by;
    return true;
  }

  /** Whether (t, base, by) comes after what this member plays now. */
  newer(t: Timeline, base: number, by: string): boolean {
    const mine = this.timeline;
    if (!mine || base !== this.base) return !mine || base > this.base;
    if (t.version !== mine.version) return t.version > mine.version;
    return by !== this.by && by !== '' && (this.by === '' || this.senior(by, this.by));
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

  /**
   * Nobody handed back in time (docs/protocol.md 3.12: 3 steps after the last turn): peer mode ends, and
   * the caller takes the server's timeline as it is.
   */
  giveUp(): void {
    this.mode = 'server';
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
