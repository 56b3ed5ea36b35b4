import { describe, expect, it } from 'vitest';
import type { Timeline } from '../src/engine/timeline';
import { RoomState } from '../src/net/roomState';
import type { Verdict } from '../src/p2p/peerSteering';
import type { MemberView, RoomView } from '../src/protocol';

const timeline = (version: number): Timeline => ({
  mediaId: 'm', state: 'paused', anchorPositionMs: 0, anchorTimeMs: 0, rate: 1, version,
});
const member = (id: string): MemberView => ({ id, name: id, role: 'guest', connection: 'connected', readiness: 'ready' });
const room = (t: Timeline, members: MemberView[] = [member('m-1')]): RoomView => ({
  id: 'abcd', name: 'r', controlMode: 'everyone', bufferingPolicy: 'waitForAll', bufferWaitTimeoutMs: 5000, maxMembers: 50,
  timeline: t, members, subtitle: 'en', queue: [{ id: 'q-1', mediaId: 'm2' }] as RoomView['queue'],
});
const joined = (t: Timeline) => ({ type: 'joined' as const, memberId: 'm-1', resumeToken: 'tok', resumed: false, serverTimeMs: 1, room: room(t) });
/** A state whose steering answers from `verdicts` in turn (then `normal`), recording what it was asked. */
function steered(...verdicts: Verdict[]) {
  const asked: Array<[number, boolean]> = [];
  const state = new RoomState((t, isJoin) => {
    asked.push([t.version, isJoin]);
    return verdicts.shift() ?? 'normal';
  });
  return { state, asked };
}

describe('RoomState.apply', () => {
  it('joined: takes the snapshot whole and tells joined, timeline, presence, queue and subtitle in that order', () => {
    const { state } = steered();
    const events = state.apply(joined(timeline(4)));
    expect(events.map((e) => e.event)).toEqual(['joined', 'timeline', 'presence', 'queue', 'subtitle']);
    expect([state.memberId, state.timeline?.version, state.members.map((m) => m.id), state.memberCount, state.subtitle, state.queue.length])
      .toEqual(['m-1', 4, ['m-1'], 1, 'en', 1]);
  });

  it('joined while the peers hold: everything but the timeline is the snapshot, and no timeline event', () => {
    const { state, asked } = steered('hold');
    state.apply({ type: 'peerTimeline', timeline: timeline(9) });
    const events = state.apply(joined(timeline(2)));
    expect(asked).toEqual([[2, true]]);
    expect(events.map((e) => e.event)).toEqual(['joined', 'presence', 'queue', 'subtitle']);
    expect([state.timeline?.version, state.memberId]).toEqual([9, 'm-1']);
  });

  it('timeline: one no newer than ours came late and changes nothing', () => {
    const { state } = steered();
    state.apply(joined(timeline(5)));
    expect(state.apply({ type: 'timeline', timeline: timeline(5), cause: { intent: 'pause' } })).toEqual([]);
    expect(state.apply({ type: 'timeline', timeline: timeline(3), cause: { intent: 'pause' } })).toEqual([]);
    const events = state.apply({ type: 'timeline', timeline: timeline(6), cause: { intent: 'play', memberId: 'm-2' } });
    expect(events).toEqual([{ event: 'timeline', value: { timeline: timeline(6), cause: { intent: 'play', memberId: 'm-2' } } }]);
    expect(state.version).toBe(6);
  });

  it('timeline the steering says replace: taken as it is, though older; hold: ignored', () => {
    const { state } = steered('normal', 'replace', 'hold');
    state.apply(joined(timeline(8)));
    state.apply({ type: 'timeline', timeline: timeline(3), cause: { intent: 'handBack' } });
    expect(state.version).toBe(3);
    expect(state.apply({ type: 'timeline', timeline: timeline(20), cause: { intent: 'seek' } })).toEqual([]);
    expect(state.version).toBe(3);
  });

  it('error with the room\'s timeline: version_from_future takes it as it is, any other only if newer', () => {
    const { state } = steered();
    state.apply({ type: 'peerTimeline', timeline: timeline(9) });
    state.apply({ type: 'error', code: 'conflict', message: '', timeline: timeline(7) });
    expect(state.version).toBe(9);
    state.apply({ type: 'error', code: 'version_from_future', message: '', timeline: timeline(7) });
    expect(state.version).toBe(7);
    expect(state.apply({ type: 'error', code: 'not_allowed', message: '' })).toEqual([]);
  });

  it('presence keeps this member listed when the room leaves it out; presenceChanges counts the rest', () => {
    const { state } = steered();
    state.apply(joined(timeline(1)));
    state.apply({ type: 'presence', members: [member('m-2')], memberCount: 150 });
    expect([state.members.map((m) => m.id), state.memberCount]).toEqual([['m-2', 'm-1'], 150]);
    state.apply({ type: 'presenceChanges', members: [member('m-3')], left: ['m-2'] });
    expect([state.members.map((m) => m.id), state.memberCount]).toEqual([['m-1', 'm-3'], 2]);
  });

  it('messages that are not the room\'s (chat, pong) change nothing and tell nothing', () => {
    const { state } = steered();
    expect(state.apply({ type: 'pong', t0: 1, t1: 2, t2: 3 })).toEqual([]);
    expect(state.apply({ type: 'chatDeleted', id: 4 })).toEqual([]);
    expect([state.memberId, state.timeline, state.members, state.queue, state.subtitle]).toEqual([undefined, undefined, [], [], null]);
  });
});
