import { describe, expect, it } from 'vitest';
import { ChunkSizer, ProgressMeter, progressOf } from '../src/net/upload/progress';

const MiB = 1024 * 1024;

describe('ProgressMeter', () => {
  it('knows no speed or time left from a single reading', () => {
    const p = new ProgressMeter(100 * MiB).record(0, 0);
    expect(p).toEqual({ bytes: 0, total: 100 * MiB, percent: 0, bytesPerSecond: undefined, secondsLeft: undefined });
  });

  it('measures speed over the readings and divides what is left by it', () => {
    const m = new ProgressMeter(100 * MiB);
    m.record(0, 0);
    m.record(2 * MiB, 1_000);
    const p = m.record(4 * MiB, 2_000);
    expect(p.bytesPerSecond).toBe(2 * MiB);
    expect(p.secondsLeft).toBe(48);
    expect(p.percent).toBe(4);
  });

  it('follows a change of speed within the window (5 s), forgetting older readings', () => {
    const m = new ProgressMeter(1_000 * MiB);
    for (let s = 0; s <= 10; s++) m.record(s * 10 * MiB, s * 1_000); // 10 MiB/s for 10 s
    let p = m.current();
    expect(p.bytesPerSecond).toBe(10 * MiB);
    for (let s = 11; s <= 16; s++) p = m.record(100 * MiB + (s - 10) * MiB, s * 1_000); // then 1 MiB/s
    expect(p.bytesPerSecond).toBe(1 * MiB);
    expect(p.secondsLeft).toBe(894);
  });

  it('gives no speed from readings a few milliseconds apart', () => {
    const m = new ProgressMeter(100);
    m.record(0, 0);
    expect(m.record(50, 10).bytesPerSecond).toBeUndefined();
  });

  it('starts afresh after a pause, so the idle time does not count', () => {
    const m = new ProgressMeter(100 * MiB);
    m.record(0, 0);
    m.record(10 * MiB, 1_000);
    m.restart(10 * MiB, 60_000);
    const p = m.record(14 * MiB, 61_000);
    expect(p.bytesPerSecond).toBe(4 * MiB);
  });
});

describe('progressOf', () => {
  it('shows 100 % only when every byte is there', () => {
    expect(progressOf(999_999, 1_000_000).percent).toBeLessThan(100);
    expect(progressOf(1_000_000, 1_000_000).percent).toBe(100);
    expect(progressOf(1_000_000, 1_000_000).secondsLeft).toBe(0);
  });

  it('counts an empty file as complete', () => {
    expect(progressOf(0, 0).percent).toBe(100);
  });
});

describe('ChunkSizer', () => {
  const policy = { firstBytes: 512 * 1024, minBytes: 256 * 1024, maxBytes: 8 * MiB, targetMs: 1_000 };

  it('starts at the first size, then sizes chunks to take about the target time', () => {
    const c = new ChunkSizer(policy);
    expect(c.next()).toBe(512 * 1024);
    c.observe(512 * 1024, 1_000); // 0.5 MiB/s
    expect(c.next()).toBe(512 * 1024);
    c.observe(512 * 1024, 250); // 2 MiB/s
    expect(c.next()).toBe(2 * MiB);
  });

  it('grows at most fourfold per chunk and never past the largest', () => {
    const c = new ChunkSizer(policy);
    c.observe(512 * 1024, 1); // 500 MiB/s on localhost
    expect(c.next()).toBe(2 * MiB);
    c.observe(2 * MiB, 4);
    expect(c.next()).toBe(8 * MiB);
    c.observe(8 * MiB, 10);
    expect(c.next()).toBe(8 * MiB);
  });

  it('never goes below the smallest, and shrinks after a failure', () => {
    const c = new ChunkSizer(policy);
    c.observe(512 * 1024, 60_000); // a crawl
    expect(c.next()).toBe(256 * 1024);
    const d = new ChunkSizer({ ...policy, firstBytes: 8 * MiB });
    d.shrink();
    expect(d.next()).toBe(2 * MiB);
  });
});
