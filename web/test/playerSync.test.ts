import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EARLY_GESTURE_MS, PlayerSync, READY_CUSHION_MS, STEP_MS } from '../src/engine/playerSync';
import { BROWSER_PLAYER } from '../src/engine/playerTraits';
import { MAX_QUIET_MS, RTT_CHANGE_MS } from '../src/engine/healthReporting';
import type { Timeline } from '../src/engine/timeline';
import { TOLERANCES } from '../src/engine/tolerances';
import { FakeClient, FakePlayer, ManualClock } from './fakes';

function setup(seekLatencyMs = 0, startLatencyMs = 0) {
  const clock = new ManualClock();
  const client = new FakeClient(clock);
  const player = new FakePlayer(clock, seekLatencyMs, startLatencyMs);
  const sync = new PlayerSync(client, player, TOLERANCES);
  player.listener = (kind, at, position, rate, paused) => sync.onEvent(kind, at, position, rate, paused);
  /** Runs the sync loop for `ms`, with timers and the clock moving together. */
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += STEP_MS) {
      clock.advance(STEP_MS);
      vi.advanceTimersByTime(STEP_MS);
      sync.step();
    }
  };
  return { clock, client, player, sync, run };
}

const timeline = (over: Partial<Timeline>): Timeline => ({
  mediaId: 'm', state: 'paused', anchorPositionMs: 0, anchorTimeMs: 0, rate: 1, version: 1, ...over,
});

describe('PlayerSync', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('without the server follows the timeline only while it plays on its peers', () => {
    const { clock, client, player, run } = setup();
    client.state = 'reconnecting';
    client.timeline = timeline({ state: 'playing', anchorPositionMs: 5_000, anchorTimeMs: clock.nowMs + 100, version: 2 });
    run(500);
    expect(player.paused).toBe(true); // lost the server, no peers: nothing to follow

    client.following = true; // the peers' timeline
    run(500);
    expect(player.paused).toBe(false);
    expect(client.sent).toEqual([]);
  });

  it('applies a scheduled play on the shared instant without sending any intent', () => {
    // Seek and start latencies as measured in headless Chromium.
    const { clock, client, player, run } = setup(80, 110);
    client.timeline = timeline({ state: 'playing', anchorPositionMs: 5_000, anchorTimeMs: clock.nowMs + 400, version: 2 });
    run(1_000);
    expect(player.paused).toBe(false);
    expect(Math.abs(player.positionMs() - client.expectedPositionMs())).toBeLessThanOrEqual(STEP_MS);
    expect(client.sent).toEqual([]);
  });

  it('lands a player joining a playing room on the timeline from its first frame, slow fresh-source seeks included', () => {
    // A new source: the first seek fetches (350 ms); play() takes 110 ms to run at speed.
    const { clock, client, player, run } = setup(350, 110);
    client.timeline = timeline({ state: 'playing', anchorPositionMs: 60_000, anchorTimeMs: clock.nowMs - 2_000, version: 2 });
    run(1_200);
    expect(player.paused).toBe(false);
    const errors: number[] = [];
    for (let t = 0; t < 1_000; t += 100) {
      run(100);
      errors.push(Math.abs(player.positionMs() - client.expectedPositionMs()));
    }
    // Off by the 10 ms the start latency was first guessed wrong, never by a seek's or a start's whole latency.
    expect(Math.max(...errors)).toBeLessThanOrEqual(STEP_MS);
    expect(client.sent).toEqual([]);
  });

  it('keeps a delayed viewer\'s sound on the timeline: the picture runs ahead by the delay, gestures count as heard', () => {
    const { clock, client, player, sync, run } = setup(80, 110);
    sync.soundDelayMs = 200;
    client.timeline = timeline({ state: 'paused', anchorPositionMs: 5_000, version: 2 });
    run(300);
    expect(player.positionMs()).toBe(5_200);

    client.timeline = timeline({ state: 'playing', anchorPositionMs: 5_000, anchorTimeMs: clock.nowMs + 300, version: 3 });
    run(2_000);
    expect(player.paused).toBe(false);
    expect(Math.abs(player.positionMs() - 200 - client.expectedPositionMs())).toBeLessThanOrEqual(STEP_MS);
    expect(client.sent).toEqual([]);

    player.userSeek(30_200); // the person drags the picture to 30.2 s: they will hear 30.0 s there
    run(200);
    expect(client.seekedTo).toEqual([30_000]);

    sync.soundDelayMs = 0; // headphones off: the picture comes back onto the timeline
    client.timeline = timeline({ state: 'playing', anchorPositionMs: 30_000, anchorTimeMs: clock.nowMs, version: 4 });
    run(3_000);
    expect(Math.abs(player.positionMs() - client.expectedPositionMs())).toBeLessThanOrEqual(STEP_MS);
    expect(client.seekedTo).toEqual([30_000]);
  });

  it('tells the room a new sound delay at the next check, not only when a report falls due', () => {
    const { client, sync, run } = setup();
    client.timeline = timeline({ state: 'paused', anchorPositionMs: 5_000, version: 2 });
    sync.start();
    run(1_100);
    expect(client.soundDelays).toEqual([0]); // the first report on a connection
    sync.soundDelayMs = 180;
    run(1_000);
    expect(client.soundDelays).toEqual([0, 180]);
    run(3_000);
    expect(client.soundDelays).toEqual([0, 180]); // nothing new since
    sync.stop();
  });

  it('turns a person pausing the player into one pause intent, and a later remote pause into none', () => {
    const { clock, client, player, run } = setup();
    client.timeline = timeline({ state: 'playing', anchorTimeMs: clock.nowMs - 1_000, version: 2 });
    run(600); // catches up: lands ahead, starts on the instant
    expect(player.paused).toBe(false);
    player.pause(); // the person
    expect(client.sent).toEqual(['pause']);
    client.timeline = timeline({ state: 'paused', anchorPositionMs: player.positionMs(), version: 3 });
    run(200);
    client.timeline = timeline({ state: 'playing', anchorPositionMs: 1_000, anchorTimeMs: clock.nowMs + 200, version: 4 });
    run(500);
    client.timeline = timeline({ state: 'paused', anchorPositionMs: 1_300, version: 5 });
    run(500);
    expect(player.paused).toBe(true);
    expect(client.sent).toEqual(['pause']);
  });

  it('lets a pause of ours whose event never came lapse while the page runs: a person\u2019s pause seconds later is sent', () => {
    const { clock, client, player, run } = setup();
    client.timeline = timeline({ state: 'playing', anchorTimeMs: clock.nowMs - 1_000, version: 2 });
    run(600);
    expect(player.paused).toBe(false);
    // The room pauses, and the player takes the pause without its event: what the guard expects of it stays.
    const pauseWithEvent = player.pause.bind(player);
    player.pause = () => {
      player.positionMs();
      player.paused = true;
    };
    client.timeline = timeline({ state: 'paused', anchorPositionMs: player.positionMs(), version: 3 });
    run(3_000);
    expect(player.paused).toBe(true);
    player.pause = pauseWithEvent;
    client.timeline = timeline({ state: 'playing', anchorPositionMs: player.positionMs(), anchorTimeMs: clock.nowMs + 200, version: 4 });
    run(600);
    expect(player.paused).toBe(false);
    // Every step was time the page ran: the old expectation lapsed 2 s after it was made, and is not stretched by it.
    player.pause();
    expect(client.sent).toEqual(['pause']);
  });

  it('sends a person\u2019s rate to the room, but not a rate within a nudge that the player reports late', () => {
    const { clock, client, player, run } = setup();
    client.timeline = timeline({ state: 'playing', anchorTimeMs: clock.nowMs - 1_000, version: 2 });
    run(600);
    run(2_500); // long after any command of ours: the echo guard waits for nothing
    player.setRate(1.0504); // a nudge VLC applied late, in its own rate steps
    expect(client.sent).toEqual([]);
    player.setRate(1.25); // the person
    expect(client.sent).toEqual(['setRate']);
  });

  it('turns the pause a browser makes at the end into "ended" when the room has a queue, else a pause', () => {
    const { clock, client, player, run } = setup();
    client.timeline = timeline({ state: 'playing', anchorTimeMs: clock.nowMs - 1_000, version: 2 });
    run(600);
    client.queued = 1;
    player.ended = true;
    player.pause(); // the browser, at the end of the video
    expect(client.sent).toEqual(['ended']);
    client.queued = 0;
    client.timeline = timeline({ state: 'playing', anchorTimeMs: clock.nowMs - 1_000, version: 4 });
    player.ended = false;
    run(600);
    player.ended = true;
    player.pause();
    expect(client.sent).toEqual(['ended', 'pause']);
  });

  it('acts on a play pressed before the room\u2019s first timeline arrived, and keeps the video playing meanwhile', () => {
    const { clock, client, player, run } = setup();
    void player.play(); // the person, the moment after joining: no timeline yet
    run(300);
    expect(client.sent).toEqual([]);
    client.timeline = timeline({ state: 'paused', anchorPositionMs: 0, version: 1 });
    run(100);
    expect(client.sent).toEqual(['play']);
    expect(player.paused).toBe(false); // held until the room answers, not paused by the first timeline
    client.timeline = timeline({ state: 'playing', anchorPositionMs: player.positionMs(), anchorTimeMs: clock.nowMs + 150, version: 2 });
    run(600);
    expect(player.paused).toBe(false);
    expect(client.sent).toEqual(['play']);
  });

  it('drops a gesture made long before the first timeline: the room\u2019s state wins', () => {
    const { clock, client, player, run } = setup();
    void player.play();
    clock.advance(EARLY_GESTURE_MS + 1);
    client.timeline = timeline({ state: 'paused', anchorPositionMs: 0, version: 1 });
    run(300);
    expect(client.sent).toEqual([]);
    expect(player.paused).toBe(true);
  });

  it('keeps a person\u2019s seek until the room answers instead of pulling the player back', () => {
    const { clock, client, player, run } = setup();
    client.timeline = timeline({ state: 'playing', anchorTimeMs: clock.nowMs - 1_000, version: 2 });
    run(100);
    player.userSeek(90_000);
    run(300);
    expect(client.sent).toEqual(['seek']);
    expect(player.positionMs()).toBeGreaterThan(90_000);
  });

  it('reports health once the clock is synced, then when a figure changes, and at once on a new connection', () => {
    const { clock, client, sync, run } = setup();
    sync.start();
    client.clockSynced = false;
    run(2_000);
    expect(client.reports).toEqual([]);
    client.clockSynced = true;
    const syncedAt = clock.nowMs;
    run(12_000);
    expect(client.reports.length).toBe(1);
    expect(client.reports[0] - syncedAt).toBeLessThanOrEqual(1_000);
    client.rttMs += RTT_CHANGE_MS;
    run(2_000);
    expect(client.reports.length).toBe(2);
    run(MAX_QUIET_MS - 2_000);
    expect(client.reports.length, 'nothing changed: quiet').toBe(2);
    run(2_000);
    expect(client.reports.length, 'a report a minute even so').toBe(3);
    client.state = 'reconnecting';
    run(1_000);
    client.state = 'connected';
    const back = clock.nowMs;
    run(1_000);
    expect(client.reports.length).toBe(4);
    expect(client.reports[3] - back).toBeLessThanOrEqual(1_000);
    sync.stop();
  });

  it('tells the room the drift of the picture even while the player is stalled and the controller waits', () => {
    const { clock, client, player, sync, run } = setup();
    sync.start();
    client.timeline = timeline({ state: 'playing', anchorPositionMs: 10_000, anchorTimeMs: clock.nowMs, version: 2 });
    run(3_000);
    Object.assign(player, { starved: true, bufferedAhead: 0 }); // no 'waiting' event: the room is not told
    run(3_000);
    expect(client.drifts.at(-1), 'seconds behind, as the picture is').toBeLessThan(-2_500);
    sync.stop();
  });

  it('takes a seek of ours that lands late (a slow link, a busy machine) for ours, never for a person\u2019s', () => {
    // Each seek takes 3 s to land, longer than the echo guard waits for an event of ours that is not under way.
    const { clock, client, player, run } = setup(3_000, 110);
    client.timeline = timeline({ state: 'playing', anchorPositionMs: 60_000, anchorTimeMs: clock.nowMs - 2_000, version: 2 });
    run(15_000);
    expect(player.events.filter((e) => e === 'seeked').length, 'seeks of ours landed').toBeGreaterThan(0);
    expect(client.sent, 'a late landing is no gesture').toEqual([]);
  });

  it('takes the landing of its own seek for ours when the page runs again after seconds starved of CPU', () => {
    // The seek lands after 2.5 s, and in all that time the page runs nothing (no step saw the player busy): the
    // landing is handled when it wakes, later than the echo guard waits by the wall clock.
    const { clock, client, player, sync, run } = setup(2_500, 0);
    client.timeline = timeline({ state: 'playing', anchorPositionMs: 60_000, anchorTimeMs: clock.nowMs, version: 2 });
    run(STEP_MS);
    expect(player.view().busy, 'the room sent the player to its position').toBe(true);
    clock.advance(3_000);
    vi.advanceTimersByTime(3_000);
    sync.step();
    expect(player.events, 'the landing, handled as the page woke').toContain('seeked');
    run(1_000);
    expect(client.sent, 'no seek nobody made').toEqual([]);
  });

  it('sends no seek for the landings of a film that cannot be sought: they are at its start whatever was asked', () => {
    const { clock, client, player, run } = setup(50, 0);
    player.unseekable = true;
    client.timeline = timeline({ state: 'paused', anchorPositionMs: 7_700, anchorTimeMs: clock.nowMs, version: 2 });
    run(1_000);
    expect(player.events, 'the room sent the player to 7.7 s, and it landed at 0').toContain('seeked');
    player.userSeek(30_000);
    run(1_000);
    expect(client.sent, 'neither our landing nor the person\u2019s went to the room').toEqual([]);
  });

  it('counts the corrections it makes and sends each with the next report: a nudge, then a seek', () => {
    // A player whose seeks and starts take what the controller first assumes: its landings are exact.
    const { clock, client, player, sync, run } = setup(TOLERANCES.initialSeekLatencyMs, BROWSER_PLAYER.startLatencyMs);
    sync.start();
    client.timeline = timeline({ state: 'playing', anchorPositionMs: 10_000, anchorTimeMs: clock.nowMs - 1_000, version: 2 });
    const total = () => client.corrections.reduce((t, c) => ({ nudges: t.nudges + c.nudges, seeks: t.seeks + c.seeks }), { nudges: 0, seeks: 0 });
    run(8_000);
    expect(total(), 'landing on the room follows it: no correction').toEqual({ nudges: 0, seeks: 0 });

    player.slip(60); // a moderate error: nudged
    run(8_000);
    expect(total()).toEqual({ nudges: 1, seeks: 0 });
    player.slip(400); // far off: seeked back
    run(8_000);
    expect(total()).toEqual({ nudges: 1, seeks: 1 });
    expect(Math.abs(player.positionMs() - client.expectedPositionMs())).toBeLessThanOrEqual(TOLERANCES.deadBandMs);
    expect(client.sent, 'corrections are reports, never intents').toEqual([]);
    sync.stop();
  });

  it('reports buffering when the player stays stalled, and ready when it can play again', () => {
    const { client, player, sync } = setup();
    Object.assign(player, { paused: false, starved: true });
    sync.onEvent('waiting', 1, 0, 1, false);
    sync.onEvent('waiting', 2, 0, 1, false);
    vi.advanceTimersByTime(TOLERANCES.bufferingReportDelayMs - 1);
    expect(client.sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(client.sent).toEqual(['buffering']);
    sync.onEvent('canplay', 3, 0, 1, true); // paused by the waiting room, but it has data again
    expect(client.sent).toEqual(['buffering', 'ready']);
  });

  it('tells the room no drift while its player waits, and its drift at once when it plays again', () => {
    const { clock, client, player, sync, run } = setup();
    sync.start();
    run(2_000);
    expect(client.reports.length).toBe(1);
    player.bufferedAhead = 0;
    Object.assign(player, { paused: false, starved: true });
    sync.onEvent('waiting', clock.nowMs, 0, 1, false);
    run(TOLERANCES.bufferingReportDelayMs);
    expect(client.sent).toEqual(['buffering']);
    client.rttMs += RTT_CHANGE_MS; // news that a playing player tells within seconds
    run(MAX_QUIET_MS + 1_000);
    expect(client.reports.length, 'nothing while it waits, not even the minute report').toBe(1);

    Object.assign(player, { starved: false });
    player.bufferedAhead = READY_CUSHION_MS;
    sync.onEvent('canplay', clock.nowMs, 0, 1, true);
    run(STEP_MS);
    expect(client.sent).toEqual(['buffering', 'ready']);
    run(1_000);
    expect(client.reports.length, 'at once when it plays again').toBe(2);
    sync.stop();
  });

  it('after a stall that held the room, is ready only with a cushion in hand: a slow link does not start and stop the room every second', () => {
    const { client, player, sync, run } = setup();
    player.bufferedAhead = 0;
    Object.assign(player, { paused: false, starved: true });
    sync.onEvent('waiting', 1, 0, 1, false);
    vi.advanceTimersByTime(TOLERANCES.bufferingReportDelayMs);
    expect(client.sent).toEqual(['buffering']);
    player.bufferedAhead = 300; // a few frames arrived: the <video> could play, and would stall again at once
    sync.onEvent('canplay', 600, 0, 1, true);
    run(200);
    expect(client.sent).toEqual(['buffering']);
    player.bufferedAhead = READY_CUSHION_MS;
    run(STEP_MS);
    expect(client.sent).toEqual(['buffering', 'ready']);
    player.bufferedAhead = 0; // a short stall after that, as after any seek, holds nobody
    sync.onEvent('waiting', 900, 0, 1, false);
    sync.onEvent('playing', 1_000, 0, 1, false);
    vi.advanceTimersByTime(2_000);
    expect(client.sent).toEqual(['buffering', 'ready']);
  });

  it('does not report a waiting event while the media clock runs on (WebKit plays a whole film at HAVE_CURRENT_DATA)', () => {
    const { clock, client, player, sync, run } = setup();
    client.timeline = timeline({ state: 'playing', anchorTimeMs: clock.nowMs, version: 2 });
    run(500);
    expect(player.paused).toBe(false);
    sync.onEvent('waiting', clock.nowMs, player.positionMs(), 1, false); // and no 'playing' or 'canplay' after it
    run(TOLERANCES.bufferingReportDelayMs * 3);
    expect(client.sent).toEqual([]);
    Object.assign(player, { starved: true, bufferedAhead: 0 }); // a real stall after all: no data, the clock stops
    sync.onEvent('waiting', clock.nowMs, player.positionMs(), 1, false);
    run(TOLERANCES.bufferingReportDelayMs + STEP_MS);
    expect(client.sent).toEqual(['buffering']);
  });

  it('counts a stall from the seek\u2019s landing: a waiting during the seek is its fetch, a real stall after it is reported', () => {
    const { clock, client, player, sync, run } = setup();
    client.timeline = timeline({ state: 'playing', anchorTimeMs: clock.nowMs, version: 2 });
    run(500);
    const delay = TOLERANCES.bufferingReportDelayMs;
    // WebKit: 'waiting' as a seek begins, 'seeked' most of the delay later, then it plays on with no 'playing'.
    sync.onEvent('waiting', clock.nowMs, player.positionMs(), 1, false);
    run(delay - 100);
    sync.onEvent('seeked', clock.nowMs, player.positionMs(), 1, false);
    run(delay * 3);
    const buffering = () => client.sent.filter((m) => m === 'buffering');
    expect(buffering(), 'played through from the landing').toEqual([]);

    // The same with a link that has nothing: reported, one delay after the landing.
    Object.assign(player, { starved: true, bufferedAhead: 0 });
    sync.onEvent('waiting', clock.nowMs, player.positionMs(), 1, false);
    run(delay - 100);
    sync.onEvent('seeked', clock.nowMs, player.positionMs(), 1, false);
    run(delay - STEP_MS);
    expect(buffering(), 'not yet: the delay counts from the landing').toEqual([]);
    run(2 * STEP_MS);
    expect(buffering()).toEqual(['buffering']);
  });

  it('does not report the short stall that follows a seek', () => {
    const { client, sync } = setup();
    sync.onEvent('waiting', 1, 0, 1, false);
    vi.advanceTimersByTime(200);
    sync.onEvent('playing', 201, 0, 1, false);
    vi.advanceTimersByTime(2_000);
    expect(client.sent).toEqual([]);
  });

  it('stops, asks for a click and tells the room when the browser refuses autoplay; ready after the click', () => {
    const { clock, client, player, sync, run } = setup();
    player.refusePlay = true;
    let asked = 0;
    sync.onBlocked = () => asked++;
    client.timeline = timeline({ state: 'playing', anchorTimeMs: clock.nowMs - 5_000, version: 2 });
    run(600);
    return Promise.resolve().then(() => {
      expect(asked).toBe(1);
      expect(sync.blocked).toBe(true);
      expect(client.sent).toEqual(['needsClick']);
      player.refusePlay = false;
      sync.unblock();
      run(600);
      expect(player.paused).toBe(false);
      expect(Math.abs(player.positionMs() - client.expectedPositionMs())).toBeLessThan(TOLERANCES.seekThresholdMs);
      expect(client.sent).toEqual(['needsClick', 'ready']);
    });
  });
});
