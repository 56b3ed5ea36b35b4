/**
 * What this client knows of its room, read-only to everyone: its own member id, the room view, the
 * members, the timeline, the queue and the subtitle track. `apply(message)` is the only way it changes;
 * it hands back the events the change makes, in the order to tell them. The twin of client-java's RoomMirror.
 */
import type { Timeline } from '../engine/timeline';
import type { Verdict } from '../p2p/peerSteering';
import {
  applyPresenceChanges,
  listWithSelf,
  type CauseView,
  type MemberView,
  type QueueItemView,
  type RoomView,
  type ServerMessage,
} from '../protocol';
import type { RoomEvent } from './roomEvents';

/** A timeline the peers decided (docs/protocol.md 3.12): played as it is, whatever its version. */
export interface PeerTimeline {
  type: 'peerTimeline';
  timeline: Timeline;
  cause?: CauseView;
}

export type RoomInput = ServerMessage | PeerTimeline;

export class RoomState {
  private memberIdValue: string | undefined;
  private roomValue: RoomView | undefined;
  private membersValue: readonly MemberView[] = [];
  private memberCountValue = 0;
  private timelineValue: Timeline | undefined;
  private queueValue: readonly QueueItemView[] = [];
  private subtitleValue: string | null = null;

  /** `steering`: what to do with a timeline from the server (the peers' fallback decides; `normal` without it). */
  constructor(private readonly steering: (t: Timeline, joined: boolean) => Verdict) {}

  get memberId(): string | undefined {
    return this.memberIdValue;
  }

  get room(): RoomView | undefined {
    return this.roomValue;
  }

  /** The members the room lists (its owner, moderators and those not ready above 100) and this client's own. */
  get members(): readonly MemberView[] {
    return this.membersValue;
  }

  /** Every member of the room, listed or not. */
  get memberCount(): number {
    return this.memberCountValue;
  }

  get timeline(): Timeline | undefined {
    return this.timelineValue;
  }

  /** The videos to play next, in order. */
  get queue(): readonly QueueItemView[] {
    return this.queueValue;
  }

  /** The subtitle track the room shows everyone; null for none. */
  get subtitle(): string | null {
    return this.subtitleValue;
  }

  /** The version intents carry: the newest timeline seen, 0 before the first. */
  get version(): number {
    return this.timelineValue?.version ?? 0;
  }

  /** Takes in one message; what it changed, as events in the order to tell them (none: nothing changed here). */
  apply(message: RoomInput): RoomEvent[] {
    switch (message.type) {
      case 'joined':
        return this.joined(message);
      case 'timeline':
        return this.serverTimeline(message.timeline, message.cause);
      case 'peerTimeline':
        return this.take(message.timeline, message.cause);
      case 'presence':
        this.membersValue = listWithSelf(message.members, this.memberIdValue, this.membersValue);
        this.memberCountValue = message.memberCount ?? message.members.length;
        return [{ event: 'presence', value: this.membersValue }];
      case 'presenceChanges':
        this.membersValue = applyPresenceChanges(this.membersValue, message.members, message.left, message.unlisted, this.memberIdValue);
        this.memberCountValue = message.memberCount ?? this.membersValue.length;
        return [{ event: 'presence', value: this.membersValue }];
      case 'settings':
        if (this.roomValue) this.roomValue = { ...this.roomValue, ...message.settings };
        return [{ event: 'settings', value: message.settings }];
      case 'subtitle':
        this.subtitleValue = message.track ?? null;
        return [{ event: 'subtitle', value: message.memberId ? { track: this.subtitleValue, memberId: message.memberId } : { track: this.subtitleValue } }];
      case 'queue':
        this.queueValue = message.items;
        return [{ event: 'queue', value: message.items }];
      case 'error':
        return message.timeline ? this.refusedWith(message.timeline, message.code) : [];
      default:
        return [];
    }
  }

  /**
   * A (re)join's snapshot replaces everything, whatever the versions; only the timeline stays the
   * peers' when they still play it (the hand-back has yet to happen).
   */
  private joined(message: Extract<ServerMessage, { type: 'joined' }>): RoomEvent[] {
    const { room } = message;
    this.memberIdValue = message.memberId;
    this.roomValue = room;
    this.membersValue = room.members;
    this.memberCountValue = room.memberCount ?? room.members.length;
    const events: RoomEvent[] = [{ event: 'joined', value: { memberId: message.memberId, resumeToken: message.resumeToken, resumed: message.resumed, room } }];
    if (this.steering(room.timeline, true) !== 'hold') events.push(...this.take(room.timeline, undefined));
    this.queueValue = room.queue ?? [];
    this.subtitleValue = room.subtitle ?? null;
    events.push(
      { event: 'presence', value: this.membersValue },
      { event: 'queue', value: this.queueValue },
      { event: 'subtitle', value: { track: this.subtitleValue } },
    );
    return events;
  }

  /** A timeline from the room: a late one, no newer than ours, is ignored unless the peers' fallback says replace. */
  private serverTimeline(timeline: Timeline, cause: CauseView | undefined): RoomEvent[] {
    const verdict = this.steering(timeline, false);
    if (verdict === 'hold') return [];
    if (verdict === 'replace') return this.take(timeline, cause);
    return this.newer(timeline, cause);
  }

  /** An error that carries the room's timeline (an intent refused on a stale or impossible view). */
  private refusedWith(timeline: Timeline, code: string): RoomEvent[] {
    const verdict = this.steering(timeline, false);
    // The peers' fallback decides: a refused hand-back's timeline replaces the peers' (or is held).
    if (verdict !== 'normal') return verdict === 'replace' ? this.take(timeline, undefined) : [];
    // Our view is ahead of the room's, so it is wrong: take the room's as it is.
    if (code === 'version_from_future') return this.take(timeline, undefined);
    return this.newer(timeline, undefined);
  }

  private newer(timeline: Timeline, cause: CauseView | undefined): RoomEvent[] {
    if (this.timelineValue && timeline.version <= this.timelineValue.version) return [];
    return this.take(timeline, cause);
  }

  private take(timeline: Timeline, cause: CauseView | undefined): RoomEvent[] {
    this.timelineValue = timeline;
    return [{ event: 'timeline', value: cause ? { timeline, cause } : { timeline } }];
  }
}
