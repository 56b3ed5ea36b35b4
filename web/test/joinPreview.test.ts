import { describe, expect, it } from 'vitest';
import type { RoomPreview } from '../src/net/cowatchApi';
import { joinLines } from '../src/ui/joinPreview';

const when = (ms: number) => `at ${new Date(ms).toISOString()}`;

const open: RoomPreview = {
  id: 'k3m8q2x7pa', name: 'Movie night',
  details: {
    owner: 'Ann', presentCount: 7, presentNames: ['Ann', 'Bob', 'Cy', 'Dee', 'Eve'],
    playing: { title: 'film.mp4', state: 'playing', positionMs: 751_000, atMs: 1_700_000_000_000 },
  },
};

describe('the join page lines', () => {
  it('say whose room it is, who is there (names and the rest counted) and what plays where', () => {
    const lines = joinLines(open, when);
    expect(lines.owner).toBe('Room of Ann');
    expect(lines.present).toBe('Here now (7): Ann, Bob, Cy, Dee, Eve and 2 more');
    expect(lines.playing).toBe('Playing film.mp4, at 12:31');
    expect(lines.startsAt).toBeUndefined();
    expect(lines.need).toBeUndefined();
  });

  it('say paused, an empty room and nothing chosen', () => {
    const paused = joinLines({ ...open, details: { ...open.details!, playing: { ...open.details!.playing!, state: 'paused', positionMs: 3_723_000 } } }, when);
    expect(paused.playing).toBe('Paused: film.mp4, at 1:02:03');
    const empty = joinLines({ id: 'x', name: 'Empty', details: { presentCount: 0, presentNames: [] } }, when);
    expect(empty.present).toBe('Nobody is here yet.');
    expect(empty.playing).toBe('Nothing playing yet.');
    expect(empty.owner).toBeUndefined();
  });

  it('give a scheduled showing its start instead of a position', () => {
    const start = Date.UTC(2026, 11, 24, 19, 0);
    const lines = joinLines({ ...open, details: { ...open.details!, startsAtMs: start } }, when);
    expect(lines.startsAt).toBe('The showing of film.mp4 starts at 2026-12-24T19:00:00.000Z');
    expect(lines.playing).toBeUndefined();
  });

  it('behind a password show only that it is needed, and a full room says so beside its details', () => {
    const locked = joinLines({ id: 'x', name: 'Quiet', refusal: 'password_required' }, when);
    expect(locked.need).toBe('This room needs a password.');
    expect(locked.present).toBe('Who is inside and what is playing is shown once you are let in.');
    expect(locked.owner).toBeUndefined();
    const full = joinLines({ ...open, refusal: 'room_full' }, when);
    expect(full.need).toBe('The room is full right now. Try again in a moment.');
    expect(full.owner).toBe('Room of Ann');
  });
});
