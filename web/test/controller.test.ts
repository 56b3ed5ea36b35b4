import { describe, expect, it } from 'vitest';
import { SyncController } from '../src/engine/controller';
import type { PlayerView } from '../src/player/playerView';
import type { Timeline } from '../src/engine/timeline';
import { TOLERANCES } from '../src/engine/tolerances';

const playing: Timeline = { mediaId: 'm', state: 'playing', anchorPositionMs: 0, anchorTimeMs: 0, rate: 1, version: 1 };
const view = (positionMs: number, at: number, extra: Partial<PlayerView> = {}): PlayerView => ({
  paused: false, busy: false, positionMs, rate: 1, localTimeMs: at, ...extra,
});

describe('SyncController', () => {
  it('leaves an error inside the dead band alone', () => {
    const c = new SyncController(TOLERANCES);
    expect(c.step(playing, 10_000, view(10_015, 10_000))).toEqual([]);
    expect(c.lastErrorMs).toBe(15);
  });

  it('nudges a moderate error with one rate change and returns to nominal once it crosses', () => {
    const c = new SyncController(TOLERANCES);
    const first = c.step(playing, 10_000, view(9_940, 10_000));
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ kind: 'rate' });
    const nudged = (first[0] as { rate: number }).rate;
    expect(nudged).toBeGreaterThan(1);
    expect(nudged).toBeLessThanOrEqual(1 + TOLERANCES.maxNudge);
    expect(c.step(playing, 10_020, view(9_961, 10_020, { rate: nudged }))).toEqual([]);
    // 800 ms at the nudged rate (8 %) make up the 60 ms: the error has crossed, the switch long done.
    expect(c.step(playing, 10_800, view(9_940 + 800 * nudged, 10_800, { rate: nudged }))).toEqual([{ kind: 'rate', rate: 1 }]);
  });

  it('seeks ahead by the seek latency for a large error, then learns the latency', () => {
    const c = new SyncController(TOLERANCES);
    const out = c.step(playing, 10_000, view(5_000, 10_000));
    expect(out[0]).toEqual({ kind: 'seek', positionMs: 10_000 + c.seekLatencyMs });
    c.seekFinished(10_200);
    expect(c.seekLatencyMs).toBeCloseTo(130 + 0.3 * (200 - 130));
  });

  it('holds on the anchor and starts on the shared instant for a future play', () => {
    const c = new SyncController(TOLERANCES);
    const scheduled: Timeline = { ...playing, anchorPositionMs: 60_000, anchorTimeMs: 20_000 };
    const out = c.step(scheduled, 19_700, view(42_000, 19_700));
    expect(out).toEqual([{ kind: 'pause' }, { kind: 'seek', positionMs: 60_000 }, { kind: 'playAt', serverTimeMs: 20_000 - c.startLatencyMs }]);
    expect(c.step(scheduled, 19_720, view(60_000, 19_720, { paused: true }))).toEqual([]);
  });

  it('starts ahead of the instant by the start latency, leaves the start alone while it settles, then learns', () => {
    const c = new SyncController(TOLERANCES);
    const scheduled: Timeline = { ...playing, anchorPositionMs: 60_000, anchorTimeMs: 20_000 };
    const lead = c.startLatencyMs;
    expect(c.step(scheduled, 19_500, view(60_000, 19_500, { paused: true }))).toEqual([{ kind: 'playAt', serverTimeMs: 20_000 - lead }]);
    // Started: the player runs before the instant without being paused again.
    expect(c.step(scheduled, 19_960, view(60_000, 19_960))).toEqual([]);
    // Coming up to speed 30 ms behind: no nudge yet.
    expect(c.step(scheduled, 20_100, view(60_070, 20_100))).toEqual([]);
    // Settled 30 ms late: the next start is issued 30 ms earlier, and the error is nudged now.
    const settled = c.step(scheduled, 20_400, view(60_370, 20_400));
    expect(c.startLatencyMs).toBeCloseTo(lead + 30);
    expect(settled[0]).toMatchObject({ kind: 'rate' });
  });

  it('corrects a settled start\'s error under the dead band, but not the same error later on', () => {
    const c = new SyncController(TOLERANCES);
    const scheduled: Timeline = { ...playing, anchorPositionMs: 60_000, anchorTimeMs: 20_000 };
    c.step(scheduled, 19_500, view(60_000, 19_500, { paused: true }));
    c.step(scheduled, 19_960, view(60_000, 19_960));
    // 12 ms behind once settled: the start latency misjudged, which the dead band would keep for good.
    const settled = c.step(scheduled, 20_200, view(60_188, 20_200));
    expect(settled).toHaveLength(1);
    expect((settled[0] as { kind: 'rate'; rate: number }).rate).toBeGreaterThan(1);
    c.step(scheduled, 20_600, view(60_600, 20_600, { rate: (settled[0] as { rate: number }).rate }));
    expect(c.step(scheduled, 20_700, view(60_688, 20_700))).toEqual([]);
    expect(TOLERANCES.startBandMs).toBeLessThan(TOLERANCES.deadBandMs);
  });

  it('lands a paused player ahead of a playing timeline, then starts it on the instant the timeline gets there', () => {
    const c = new SyncController(TOLERANCES);
    const landing = 10_000 + c.seekLatencyMs + c.startLatencyMs + TOLERANCES.catchUpMarginMs;
    expect(c.step(playing, 10_000, view(0, 10_000, { paused: true }))).toEqual([{ kind: 'seek', positionMs: landing }]);
    expect(c.step(playing, 10_020, view(landing, 10_020, { paused: true, busy: true }))).toEqual([]);
    expect(c.step(playing, 10_150, view(landing, 10_150, { paused: true }))).toEqual([{ kind: 'playAt', serverTimeMs: landing - c.startLatencyMs }]);
    expect(c.step(playing, 10_200, view(landing, 10_200, { paused: true }))).toEqual([]);
  });

  it('plans a catch-up again when its seek landed too late, and cancels a planned start the room overtook', () => {
    const c = new SyncController(TOLERANCES);
    const first = 10_000 + c.seekLatencyMs + c.startLatencyMs + TOLERANCES.catchUpMarginMs;
    c.step(playing, 10_000, view(0, 10_000, { paused: true }));
    c.seekFinished(10_600); // a fresh source: 600 ms
    const again = c.step(playing, 10_600, view(first, 10_600, { paused: true }));
    expect(again).toEqual([{ kind: 'seek', positionMs: 10_600 + 600 + c.startLatencyMs + TOLERANCES.catchUpMarginMs }]);
    const second = (again[0] as { positionMs: number }).positionMs;
    expect(c.step(playing, 11_200, view(second, 11_200, { paused: true }))[0]).toMatchObject({ kind: 'playAt' });
    const pausedNow: Timeline = { ...playing, state: 'paused', anchorPositionMs: 11_250, version: 2 };
    expect(c.step(pausedNow, 11_250, view(second, 11_250, { paused: true }))).toEqual([
      { kind: 'pause' }, { kind: 'seek', positionMs: 11_250 },
    ]);
  });

  it('cancels a pending catch-up start when a newer playing timeline arrives, and lands on that one', () => {
    const c = new SyncController(TOLERANCES);
    const landing = 10_000 + c.seekLatencyMs + c.startLatencyMs + TOLERANCES.catchUpMarginMs;
    c.step(playing, 10_000, view(0, 10_000, { paused: true }));
    expect(c.step(playing, 10_150, view(landing, 10_150, { paused: true }))[0]).toMatchObject({ kind: 'playAt' });
    const seekedAway: Timeline = { ...playing, anchorPositionMs: 40_000, anchorTimeMs: 10_160, version: 2 };
    const out = c.step(seekedAway, 10_170, view(landing, 10_170, { paused: true }));
    expect(out[0]).toEqual({ kind: 'pause' });
    expect(out[1]).toMatchObject({ kind: 'seek' });
    expect((out[1] as { positionMs: number }).positionMs).toBeGreaterThan(40_000);
  });

  it('plays a catching-up player from where it is when its source cannot seek there', () => {
    const c = new SyncController(TOLERANCES);
    expect(c.step(playing, 10_000, view(0, 10_000, { paused: true }))[0]).toMatchObject({ kind: 'seek' });
    expect(c.step(playing, 10_500, view(0, 10_500, { paused: true }))).toEqual([]); // waits, no new seek
    expect(c.step(playing, 11_000, view(0, 11_000, { paused: true }))).toEqual([{ kind: 'play' }]);
  });

  it('stops seeking a playing player whose seeks change nothing, and tries again on a new timeline', () => {
    const c = new SyncController(TOLERANCES);
    let seeks = 0;
    for (let at = 10_000; at < 12_000; at += 20) {
      seeks += c.step(playing, at, view(0, at)).filter((command) => command.kind === 'seek').length;
    }
    expect(seeks).toBe(TOLERANCES.maxSeeksWithoutEffect);
    expect(c.step({ ...playing, version: 2 }, 12_000, view(0, 12_000))[0]).toMatchObject({ kind: 'seek' });
  });

  it('pauses a player on the room frame', () => {
    const c = new SyncController(TOLERANCES);
    const paused: Timeline = { ...playing, state: 'paused', anchorPositionMs: 30_000 };
    expect(c.step(paused, 1, view(30_040, 1))).toEqual([{ kind: 'pause' }, { kind: 'seek', positionMs: 30_000 }]);
    expect(c.step(paused, 2, view(30_003, 2, { paused: true }))).toEqual([]);
  });

  it('does nothing while the player is busy or without media', () => {
    const c = new SyncController(TOLERANCES);
    expect(c.step(playing, 10_000, view(0, 10_000, { busy: true }))).toEqual([]);
    const { mediaId: _ignored, ...noMedia } = playing;
    expect(c.step(noMedia, 10_000, view(0, 10_000))).toEqual([]);
  });
});
