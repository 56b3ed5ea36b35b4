import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  canChooseSubtitles, isSubtitleFile, labelFromFileName, trackModes, trackTitle, uploadedItemId,
} from '../src/ui/subtitles';
import { subtitlesApi } from '../src/net/subtitlesApi';
import { Api, ApiError, type Session } from '../src/net/api';
import { RoomClient, type SocketLike } from '../src/net/roomClient';
import { TOLERANCES } from '../src/engine/tolerances';

describe('subtitle helpers', () => {
  it('names the library item of a media:{id} timeline, nothing else', () => {
    expect(uploadedItemId('media:abcdefgh2345')).toBe('abcdefgh2345');
    expect(uploadedItemId('https://example.org/film.mp4')).toBeUndefined();
    expect(uploadedItemId('media:../../etc')).toBeUndefined();
    expect(uploadedItemId('media:')).toBeUndefined();
    expect(uploadedItemId(undefined)).toBeUndefined();
    expect(uploadedItemId(null)).toBeUndefined();
  });

  it('shows the room track, hides it when off here, and keeps the rest off', () => {
    expect([...trackModes(['a', 'b'], 'b', true)]).toEqual([['a', 'disabled'], ['b', 'showing']]);
    expect([...trackModes(['a', 'b'], 'b', false)]).toEqual([['a', 'disabled'], ['b', 'hidden']]);
    expect([...trackModes(['a', 'b'], null, true)]).toEqual([['a', 'disabled'], ['b', 'disabled']]);
    expect([...trackModes([], 'x', true)]).toEqual([]);
  });

  it('lets choose whoever may control playback', () => {
    expect(canChooseSubtitles('owner', 'moderators')).toBe(true);
    expect(canChooseSubtitles('moderator', 'moderators')).toBe(true);
    expect(canChooseSubtitles('member', 'moderators')).toBe(false);
    expect(canChooseSubtitles('guest', 'moderators')).toBe(false);
    expect(canChooseSubtitles('member', 'everyone')).toBe(true);
    expect(canChooseSubtitles('guest', 'everyone')).toBe(true);
    expect(canChooseSubtitles(undefined, 'everyone')).toBe(false);
  });

  it('takes .srt and .vtt files and labels them by name', () => {
    expect(isSubtitleFile('Film.SRT')).toBe(true);
    expect(isSubtitleFile('film.en.vtt')).toBe(true);
    expect(isSubtitleFile('film.ass')).toBe(false);
    expect(isSubtitleFile('srt')).toBe(false);
    expect(labelFromFileName('C:\\subs\\Film.ru.srt')).toBe('Film.ru');
    expect(labelFromFileName('/home/me/Deutsch.vtt')).toBe('Deutsch');
    expect(labelFromFileName('😀'.repeat(120) + '.srt')).toBe('😀'.repeat(100));
    expect(trackTitle({ label: 'English', language: 'en' })).toBe('English (en)');
    expect(trackTitle({ label: 'en', language: 'en' })).toBe('en');
    expect(trackTitle({ label: 'Forced' })).toBe('Forced');
  });
});

describe('subtitlesApi.upload', () => {
  const session: Session = {
    accessToken: 'tok', accessTokenExpiresAt: Date.now() + 600_000, refreshToken: 'r',
    user: { id: 'u-1', kind: 'guest', displayName: 'Ann', emailVerified: false },
  };
  const api = () => {
    let stored: Session | undefined = session;
    return new Api({ store: { get: () => stored, set: (s) => (stored = s) } });
  };

  it('tells whether the caller owns an item from their own library, never asking for the item itself', async () => {
    const urls: string[] = [];
    const fetchFn = (async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify({ items: [{ id: 'mine12345678' }] }),
        { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as unknown as typeof fetch;
    let stored: Session | undefined = session;
    const withFetch = new Api({ store: { get: () => stored, set: (x) => (stored = x) }, fetch: fetchFn });
    expect(await subtitlesApi.owns(withFetch, 'mine12345678')).toBe(true);
    expect(await subtitlesApi.owns(withFetch, 'theirs123456')).toBe(false);
    expect(urls).toEqual(['/api/media', '/api/media']);
  });

  it('sends the file itself with the bearer token, label and language in the query', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ id: 't1', label: 'Film', url: '/x.vtt', cues: 2, warnings: [] }),
        { status: 201, headers: { 'Content-Type': 'application/json' } });
    }) as unknown as typeof fetch;
    const file = new Blob(['1\n00:00:01,000 --> 00:00:02,000\nHi\n'], { type: 'application/x-subrip' });
    const added = await subtitlesApi.upload(api(), 'abcdefgh2345', file, { label: 'Film ü', language: 'de' }, fetchFn);
    expect(added.id).toBe('t1');
    expect(calls[0]!.url).toBe('/api/media/abcdefgh2345/subtitles?label=Film+%C3%BC&language=de');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.body).toBe(file);
    expect((calls[0]!.init.headers as Record<string, string>)['Authorization']).toBe('Bearer tok');
    expect((calls[0]!.init.headers as Record<string, string>)['Content-Type']).toBe('application/x-subrip');
  });

  it('turns a refusal into an ApiError with the server detail', async () => {
    const fetchFn = (async () => new Response(JSON.stringify({
      type: 'https://cowatch.dev/problems/invalid-subtitles', title: 'Invalid request', status: 422,
      detail: 'line 2: a timestamp has at most 99 hours',
    }), { status: 422, headers: { 'Content-Type': 'application/problem+json' } })) as unknown as typeof fetch;
    const error = await subtitlesApi.upload(api(), 'abcdefgh2345', new Blob(['x']), {}, fetchFn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).slug).toBe('invalid-subtitles');
    expect((error as ApiError).detail).toBe('line 2: a timestamp has at most 99 hours');
  });
});

class FakeSocket implements SocketLike {
  sent: Record<string, unknown>[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }
  close(): void {}
  receive(message: object): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

describe('RoomClient subtitles', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const joinedWith = (subtitle: string | undefined) => {
    const socket = new FakeSocket();
    const client = new RoomClient({ url: 'ws://x', name: 'Ann', tolerances: TOLERANCES, socket: () => socket, now: () => 1_000 });
    const heard: unknown[] = [];
    client.on('subtitle', (s) => heard.push(s));
    client.connect();
    socket.onopen?.({});
    socket.receive({
      type: 'joined', memberId: 'm-1', resumeToken: 'r', resumed: false, serverTimeMs: 1, room: {
        id: 'abcd', name: 'r', controlMode: 'everyone', bufferingPolicy: 'waitForAll', bufferWaitTimeoutMs: 5000,
        maxMembers: 50, members: [], ...(subtitle ? { subtitle } : {}),
        timeline: { mediaId: 'media:abcdefgh2345', state: 'paused', anchorPositionMs: 0, anchorTimeMs: 0, rate: 1, version: 0 },
      },
    });
    return { socket, client, heard };
  };

  it('takes the track from joined, then from subtitle messages', () => {
    const { socket, client, heard } = joinedWith('trk1');
    expect(client.subtitle).toBe('trk1');
    socket.receive({ type: 'subtitle', track: 'trk2', memberId: 'm-2' });
    expect(client.subtitle).toBe('trk2');
    socket.receive({ type: 'subtitle', track: null, memberId: 'm-2' });
    expect(client.subtitle).toBeNull();
    expect(heard).toEqual([{ track: 'trk1' }, { track: 'trk2', memberId: 'm-2' }, { track: null, memberId: 'm-2' }]);
  });

  it('reads a room without subtitles as none, and sends a choice without a version', () => {
    const { socket, client } = joinedWith(undefined);
    expect(client.subtitle).toBeNull();
    expect(client.chooseSubtitle('trk9')).toBe(true);
    expect(client.chooseSubtitle(null)).toBe(true);
    expect(socket.sent.filter((m) => m['type'] === 'subtitle')).toEqual([
      { type: 'subtitle', track: 'trk9' }, { type: 'subtitle', track: null }]);
    expect(client.controlIntentsSent).toBe(0);
  });
});
