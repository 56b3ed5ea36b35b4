import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoomClient, type SocketLike } from '../src/net/roomClient';
import { TOLERANCES } from '../src/engine/tolerances';
import type { Timeline } from '../src/engine/timeline';

class FakeSocket implements SocketLike {
  sent: Record<string, unknown>[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  closed = false;
  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }
  close(): void {
    this.closed = true;
  }
  receive(message: object): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  types(): unknown[] {
    return this.sent.map((m) => m.type);
  }
}

const timeline = (version: number, state: Timeline['state'] = 'paused'): Timeline => ({
  mediaId: 'm', state, anchorPositionMs: 0, anchorTimeMs: 0, rate: 1, version,
});

const room = (t: Timeline) => ({
  id: 'abcd', name: 'r', controlMode: 'everyone', bufferingPolicy: 'waitForAll', bufferWaitTimeoutMs: 5000, maxMembers: 50,
  timeline: t, members: [],
});

function connected() {
  const sockets: FakeSocket[] = [];
  let now = 1_000_000;
  const client = new RoomClient({
    url: 'ws://x/ws/rooms/abcd', name: 'Ann', tolerances: TOLERANCES,
    socket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    now: () => now,
  });
  client.connect();
  sockets[0]!.onopen?.({});
  return { client, sockets, advance: (ms: number) => (now += ms) };
}

describe('RoomClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says hello, then pings in a burst and every clock period after', () => {
    const { sockets } = connected();
    const s = sockets[0]!;
    expect(s.sent[0]).toEqual({ type: 'hello', protocol: 1, name: 'Ann' });
    vi.advanceTimersByTime(TOLERANCES.clockBurstSpacingMs * TOLERANCES.clockBurst);
    expect(s.types().filter((t) => t === 'ping')).toHaveLength(TOLERANCES.clockBurst + 1);
    vi.advanceTimersByTime(3 * TOLERANCES.clockPeriodMs);
    expect(s.types().filter((t) => t === 'ping')).toHaveLength(TOLERANCES.clockBurst + 4);
  });

  it('estimates the server clock from pongs', () => {
    const { client, sockets, advance } = connected();
    const s = sockets[0]!;
    for (let i = 0; i < TOLERANCES.clockBurst; i++) {
      advance(100);
      const t0 = 1_000_000 + i * 100; // sent 100 ms before it arrives back
      // Server 5 s ahead; 50 ms each way; 1 ms inside the server.
      s.receive({ type: 'pong', t0, t1: t0 + 5_050, t2: t0 + 5_051 });
    }
    expect(client.clockSynced).toBe(true);
    expect(client.offsetMs).toBeCloseTo(5_000.5);
    expect(client.rttMs).toBe(99);
  });

  it('ignores timelines that are not newer, and sends intents with the version it saw', () => {
    const { client, sockets } = connected();
    const s = sockets[0]!;
    s.receive({ type: 'joined', memberId: 'm-1', resumeToken: 'tok', resumed: false, room: room(timeline(4)), serverTimeMs: 1 });
    s.receive({ type: 'timeline', timeline: timeline(3, 'playing'), cause: { intent: 'play' } });
    expect(client.timeline?.version).toBe(4);
    s.receive({ type: 'error', code: 'conflict', message: 'm', timeline: timeline(6, 'playing') });
    expect(client.timeline?.version).toBe(6);
    client.pause(1234.4);
    expect(s.sent.at(-1)).toEqual({ type: 'pause', version: 6, positionMs: 1234 });
    expect(client.controlIntentsSent).toBe(1);
  });

  it('reconnects after a drop and resumes with its token', () => {
    const { client, sockets } = connected();
    const states: string[] = [];
    client.on('state', (st) => states.push(st));
    sockets[0]!.receive({ type: 'joined', memberId: 'm-1', resumeToken: 'tok', resumed: false, room: room(timeline(1)), serverTimeMs: 1 });
    sockets[0]!.onclose?.({ code: 1006, reason: 'network' });
    expect(client.state).toBe('reconnecting');
    vi.advanceTimersByTime(150);
    expect(sockets).toHaveLength(2);
    sockets[1]!.onopen?.({});
    expect(sockets[1]!.sent[0]).toEqual({ type: 'hello', protocol: 1, name: 'Ann', resumeToken: 'tok' });
    sockets[1]!.receive({ type: 'joined', memberId: 'm-1', resumeToken: 'tok', resumed: true, room: room(timeline(2)), serverTimeMs: 1 });
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
  });

  it('does not reconnect after being replaced elsewhere', () => {
    const { client, sockets } = connected();
    sockets[0]!.onclose?.({ code: 4004, reason: 'replaced' });
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
    expect(client.state).toBe('closed');
  });
});

describe('RoomClient with an identity', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function withToken(token: () => string | undefined | Promise<string | undefined>) {
    const sockets: FakeSocket[] = [];
    const client = new RoomClient({
      url: 'ws://x/ws/rooms/abcd', name: 'Ann', tolerances: TOLERANCES, token,
      socket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      now: () => 1_000_000,
    });
    return { client, sockets };
  }

  it('sends the access token in hello, asking for it again on reconnect', async () => {
    let n = 0;
    const { client, sockets } = withToken(() => Promise.resolve(`jwt-${++n}`));
    client.connect();
    await vi.advanceTimersByTimeAsync(0);
    sockets[0]!.onopen?.({});
    expect(sockets[0]!.sent[0]).toEqual({ type: 'hello', protocol: 1, name: 'Ann', token: 'jwt-1' });
    sockets[0]!.onclose?.({ code: 1006, reason: 'network' });
    await vi.advanceTimersByTimeAsync(150);
    sockets[1]!.onopen?.({});
    expect(sockets[1]!.sent[0]).toMatchObject({ type: 'hello', token: 'jwt-2' });
  });

  it('leaves the token out when there is none', () => {
    const { client, sockets } = withToken(() => undefined);
    client.connect();
    sockets[0]!.onopen?.({});
    expect(sockets[0]!.sent[0]).toEqual({ type: 'hello', protocol: 1, name: 'Ann' });
  });

  it.each(['password_required', 'invite_required', 'guests_not_allowed', 'banned'])('a %s refusal is final', (code) => {
    const { client, sockets } = withToken(() => 'jwt');
    const refusals: string[] = [];
    const errors: string[] = [];
    client.on('refused', (r) => refusals.push(r));
    client.on('error', (e) => errors.push(e.code));
    client.connect();
    sockets[0]!.onopen?.({});
    sockets[0]!.receive({ type: 'error', code, message: 'no' });
    expect(sockets[0]!.closed).toBe(true);
    sockets[0]!.onclose?.({ code: 4000, reason: 'refused' });
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
    expect(client.state).toBe('closed');
    expect(client.refusal).toBe(code);
    expect(refusals).toEqual([code]);
    expect(errors).toEqual([code]);
  });

  it('bye closed (the site administrators closed the room) is a final refusal, not a reconnect', () => {
    const { client, sockets } = withToken(() => 'jwt');
    client.connect();
    sockets[0]!.onopen?.({});
    sockets[0]!.receive({ type: 'joined', memberId: 'm-1', resumeToken: 'tok', resumed: false, room: room(timeline(1)), serverTimeMs: 1 });
    sockets[0]!.receive({ type: 'bye', reason: 'closed' });
    sockets[0]!.onclose?.({ code: 4404, reason: 'closed' });
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
    expect(client.refusal).toBe('closed');
    expect(client.state).toBe('closed');
  });

  it('hands a notice of the site administrators on as it came', () => {
    const { client, sockets } = withToken(() => 'jwt');
    const notices: unknown[] = [];
    client.on('notice', (n) => notices.push(n));
    client.connect();
    sockets[0]!.onopen?.({});
    sockets[0]!.receive({ type: 'notice', id: 'n1', text: 'Back soon', expiresAtMs: 5_000 });
    expect(notices).toEqual([{ id: 'n1', text: 'Back soon', expiresAtMs: 5_000 }]);
    expect(client.state).not.toBe('closed');
  });

  it.each([[4006, 'kicked'], [4007, 'banned']])('close %i means %s and is final', (closeCode, refusal) => {
    const { client, sockets } = withToken(() => 'jwt');
    client.connect();
    sockets[0]!.onopen?.({});
    sockets[0]!.receive({ type: 'joined', memberId: 'm-1', resumeToken: 'tok', resumed: false, room: room(timeline(1)), serverTimeMs: 1 });
    sockets[0]!.onclose?.({ code: closeCode, reason: refusal });
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
    expect(client.refusal).toBe(refusal);
    expect(client.state).toBe('closed');
  });
});

describe('RoomClient and a refused token', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('after close 4401 asks for a token other than the refused one, and gives up after repeated refusals', () => {
    const asked: (string | undefined)[] = [];
    const sockets: FakeSocket[] = [];
    let n = 0;
    const client = new RoomClient({
      url: 'ws://x/ws/rooms/abcd', name: 'Ann', tolerances: TOLERANCES,
      token: (refused) => {
        asked.push(refused);
        return `jwt-${++n}`;
      },
      socket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      now: () => 1_000_000,
    });
    client.connect();
    for (let i = 0; i < 3; i++) {
      sockets[i]!.onopen?.({});
      sockets[i]!.receive({ type: 'error', code: 'unauthorized', message: 'expired' });
      sockets[i]!.onclose?.({ code: 4401, reason: 'unauthorized' });
      vi.advanceTimersByTime(1_000); // the backoff (100-400 ms), not the connect timeout;
    }
    expect(asked).toEqual([undefined, 'jwt-1', 'jwt-2']);
    expect(sockets).toHaveLength(3);
    expect(client.state).toBe('closed');
  });

  it('after close 4401 with no token left (signed out) stops, and says so, instead of joining as a stranger', () => {
    const sockets: FakeSocket[] = [];
    let signedIn = true;
    const client = new RoomClient({
      url: 'ws://x/ws/rooms/abcd', name: 'Ann', tolerances: TOLERANCES,
      token: () => (signedIn ? 'jwt-1' : undefined),
      socket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      now: () => 1_000_000,
    });
    const refusals: string[] = [];
    client.on('refused', (r) => refusals.push(r));
    client.connect();
    sockets[0]!.onopen?.({});
    signedIn = false;
    sockets[0]!.receive({ type: 'error', code: 'unauthorized', message: 'signed out: this session has ended' });
    sockets[0]!.onclose?.({ code: 4401, reason: 'signed out' });
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
    expect(refusals).toEqual(['signed_out']);
    expect(client.state).toBe('closed');
  });

  it('treats close 4403 as final', () => {
    const { client, sockets } = connected();
    sockets[0]!.onclose?.({ code: 4403, reason: 'forbidden' });
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
    expect(client.state).toBe('closed');
  });
});

describe('RoomClient settings', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('takes settings changes into its room and reports them', () => {
    const { client, sockets } = connected();
    const seen: string[] = [];
    client.on('settings', (s) => seen.push(s.name));
    sockets[0]!.receive({ type: 'joined', memberId: 'm-1', resumeToken: 'tok', resumed: false, room: room(timeline(1)), serverTimeMs: 1 });
    sockets[0]!.receive({ type: 'settings', settings: { name: 'Renamed', visibility: 'private', passwordProtected: false, guestsAllowed: true,
      controlMode: 'moderators', bufferingPolicy: 'neverWait', bufferWaitTimeoutMs: 0, maxMembers: 5 } });
    expect(seen).toEqual(['Renamed']);
    expect(client.room).toMatchObject({ id: 'abcd', name: 'Renamed', visibility: 'private', controlMode: 'moderators', maxMembers: 5 });
  });
});

describe('RoomClient presence', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const member = (id: string, name: string, rttMs?: number) => ({
    id, name, role: 'guest' as const, connection: 'connected' as const, readiness: 'ready' as const, ...(rttMs ? { rttMs } : {}),
  });

  it('applies changes to the list it has: replaced in place, new at the end, departed removed', () => {
    const { client, sockets } = connected();
    const lists: string[][] = [];
    client.on('presence', (members) => lists.push(members.map((m) => `${m.name}${m.rttMs ? ':' + m.rttMs : ''}`)));
    sockets[0]!.receive({ type: 'joined', memberId: 'm-1', resumeToken: 'tok', resumed: false, serverTimeMs: 1,
      room: { ...room(timeline(1)), members: [member('m-1', 'Ann'), member('m-2', 'Ben'), member('m-3', 'Cat')] } });
    sockets[0]!.receive({ type: 'presenceChanges', members: [member('m-4', 'Dan'), member('m-2', 'Ben', 40)], left: ['m-1', 'm-9'] });
    expect(lists.at(-1)).toEqual(['Ben:40', 'Cat', 'Dan']);
    expect(client.members.map((m) => m.id)).toEqual(['m-2', 'm-3', 'm-4']);
    sockets[0]!.receive({ type: 'presence', members: [member('m-3', 'Cat')] });
    sockets[0]!.receive({ type: 'presenceChanges', members: [], left: ['m-3'] });
    expect(lists.at(-1)).toEqual([]);
  });

  it('in a room that lists only some, keeps its own entry, drops the unlisted and counts everyone', () => {
    const { client, sockets } = connected();
    const owner = { ...member('m-1', 'Ann'), role: 'owner' as const };
    sockets[0]!.receive({ type: 'joined', memberId: 'm-7', resumeToken: 'tok', resumed: false, serverTimeMs: 1,
      room: { ...room(timeline(1)), members: [owner, member('m-7', 'Gus')], memberCount: 240 } });
    expect(client.memberCount).toBe(240);
    const buffering = { ...member('m-3', 'Cat'), readiness: 'buffering' as const };
    sockets[0]!.receive({ type: 'presenceChanges', members: [buffering], left: [], memberCount: 241 });
    expect(client.members.map((m) => m.id)).toEqual(['m-1', 'm-7', 'm-3']);
    expect(client.memberCount).toBe(241);
    sockets[0]!.receive({ type: 'presenceChanges', members: [], left: [], unlisted: ['m-3', 'm-7'], memberCount: 241 });
    expect(client.members.map((m) => m.id)).toEqual(['m-1', 'm-7']);
    sockets[0]!.receive({ type: 'presenceChanges', members: [member('m-7', 'Gus', 55)], left: [], memberCount: 241 });
    sockets[0]!.receive({ type: 'presence', members: [owner], memberCount: 239 });
    expect(client.members).toEqual([owner, member('m-7', 'Gus', 55)]);
    expect(client.memberCount).toBe(239);
  });

  it('sends no signal to a member the room lists as gone, and does to one it lists as here or not at all', () => {
    const { client, sockets } = connected();
    const gone = { ...member('m-2', 'Ben'), connection: 'disconnected' as const };
    sockets[0]!.receive({ type: 'joined', memberId: 'm-1', resumeToken: 'tok', resumed: false, serverTimeMs: 1,
      room: { ...room(timeline(1)), members: [member('m-1', 'Ann'), gone, member('m-3', 'Cat')] } });
    const hangup = (to: string) => ({ to, session: 's1', purpose: 'voice', kind: 'hangup' as const });

    expect(client.signal(hangup('m-2'))).toBe(false);
    expect(client.signal(hangup('m-3'))).toBe(true);
    expect(client.signal(hangup('m-9'))).toBe(true);
    expect(sockets[0]!.sent.filter((m) => m.type === 'signal').map((m) => m.to)).toEqual(['m-3', 'm-9']);
  });

  it('counts the list when an older server does not say how many', () => {
    const { client, sockets } = connected();
    sockets[0]!.receive({ type: 'joined', memberId: 'm-1', resumeToken: 'tok', resumed: false, serverTimeMs: 1,
      room: { ...room(timeline(1)), members: [member('m-1', 'Ann'), member('m-2', 'Ben')] } });
    expect(client.memberCount).toBe(2);
    sockets[0]!.receive({ type: 'presenceChanges', members: [member('m-3', 'Cat')], left: [] });
    expect(client.memberCount).toBe(3);
  });
});

describe('RoomClient and a server that went silent', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function client(now: () => number) {
    const sockets: FakeSocket[] = [];
    const c = new RoomClient({
      url: 'ws://x/ws/rooms/abcd', name: 'Ann', tolerances: TOLERANCES, now,
      socket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
    });
    return { c, sockets };
  }

  it('gives up a connection attempt that does not open within 5 s, and tries again', () => {
    const { c, sockets } = client(() => 1_000_000);
    c.connect();
    vi.advanceTimersByTime(4_999);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1 + 100);
    expect(sockets[0]!.closed).toBe(true);
    expect(sockets).toHaveLength(2);
    expect(c.state).toBe('reconnecting');
  });

  it('lets go of an open connection on which no pong came back for the given time', () => {
    let now = 1_000_000;
    const { c, sockets } = client(() => now);
    c.connect();
    sockets[0]!.onopen?.({});
    sockets[0]!.receive({ type: 'joined', memberId: 'm-1', resumeToken: 'tok', resumed: false, room: room(timeline(1)) });
    sockets[0]!.receive({ type: 'pong', t0: now - 10, t1: now - 5, t2: now - 5 });
    now += 3_000;
    expect(c.dropIfSilent(4_000)).toBe(false);
    now += 1_001;
    expect(c.dropIfSilent(4_000)).toBe(true);
    expect(sockets[0]!.closed).toBe(true);
    expect(c.state).toBe('reconnecting');
    vi.advanceTimersByTime(200);
    expect(sockets).toHaveLength(2);
  });
});

describe('RoomClient steered by the peers\' fallback', () => {
  it('holds, replaces or applies server timelines as told, and hands intents and chat to the peers', () => {
    const sockets: FakeSocket[] = [];
    const c = new RoomClient({
      url: 'ws://x/ws/rooms/abcd', name: 'Ann', tolerances: TOLERANCES, now: () => 1_000_000,
      socket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
    });
    const verdicts: Array<'normal' | 'replace' | 'hold'> = ['hold', 'replace'];
    const routed: string[] = [];
    c.steer({
      onPeers: true,
      serverTimeline: () => verdicts.shift() ?? 'normal',
      intent: (m) => routed.push(m.type) > 0,
      chat: (text) => routed.push(`chat:${text}`) > 0,
    });
    c.adoptTimeline(timeline(9, 'playing')); // the peers' timeline, peer version 9
    c.connect();
    sockets[0]!.onopen?.({});

    sockets[0]!.receive({ type: 'joined', memberId: 'm-1', resumeToken: 't', resumed: true, room: room(timeline(7)) });
    expect(c.timeline?.version).toBe(9); // held: the peers' timeline plays on
    sockets[0]!.receive({ type: 'timeline', timeline: timeline(8), cause: { intent: 'handBack', memberId: 'm-2' } });
    expect(c.timeline?.version).toBe(8); // replaced, though lower than the peer version
    sockets[0]!.receive({ type: 'timeline', timeline: timeline(8), cause: { intent: 'pause', memberId: 'm-2' } });
    sockets[0]!.receive({ type: 'timeline', timeline: timeline(10), cause: { intent: 'pause', memberId: 'm-2' } });
    expect(c.timeline?.version).toBe(10);

    c.pause();
    expect(routed).toEqual(['pause']);
    expect(sockets[0]!.types()).not.toContain('pause');
    expect(c.sendChat('hi')).toBe(true); // connected: to the server, not the peers
    expect(sockets[0]!.sent.at(-1)).toEqual({ type: 'chat', text: 'hi' });
  });
});
