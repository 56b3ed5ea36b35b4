/**
 * The maths of an upload's progress line: percent, speed as a moving average, time left; and how
 * big the next PATCH is. Pure: the caller says what time it is.
 */

export interface Progress {
  bytes: number;
  total: number;
  /** 0..100; 100 only when every byte is there. */
  percent: number;
  /** Over the last few seconds; undefined until there is enough to say. */
  bytesPerSecond: number | undefined;
  secondsLeft: number | undefined;
}

/** Speed is measured over this much of the recent past: long enough to be steady, short enough to follow a change. */
const WINDOW_MS = 5_000;
/** Below this much elapsed time a speed is noise (one chunk that arrived in 2 ms). */
const MIN_SPAN_MS = 250;

export class ProgressMeter {
  private samples: { at: number; bytes: number }[] = [];

  constructor(readonly total: number, private readonly windowMs = WINDOW_MS) {}

  /** `bytes` done at `nowMs`. */
  record(bytes: number, nowMs: number): Progress {
    this.samples.push({ at: nowMs, bytes });
    // Keep one sample at or before the window's start, so the window is always fully covered.
    while (this.samples.length > 2 && this.samples[1]!.at <= nowMs - this.windowMs) this.samples.shift();
    return this.current();
  }

  /**
   * Starts measuring afresh from `bytes` (after a pause, a reconnect or a jump of the offset):
   * the time spent not sending must not drag the speed down.
   */
  restart(bytes: number, nowMs: number): Progress {
    this.samples = [];
    return this.record(bytes, nowMs);
  }

  current(): Progress {
    const last = this.samples[this.samples.length - 1];
    const bytes = last?.bytes ?? 0;
    const first = this.samples[0];
    let bytesPerSecond: number | undefined;
    if (first && last && last.at - first.at >= MIN_SPAN_MS && last.bytes >= first.bytes) {
      bytesPerSecond = ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
    }
    return progressOf(bytes, this.total, bytesPerSecond);
  }
}

export function progressOf(bytes: number, total: number, bytesPerSecond?: number): Progress {
  const percent = total <= 0 ? 100 : bytes >= total ? 100 : Math.min(99.9, (bytes / total) * 100);
  const left = Math.max(0, total - bytes);
  const secondsLeft = left === 0 ? 0 : bytesPerSecond && bytesPerSecond > 0 ? left / bytesPerSecond : undefined;
  return { bytes, total, percent, bytesPerSecond, secondsLeft };
}

export interface ChunkPolicy {
  /** The first PATCH, before the speed is known. */
  firstBytes: number;
  minBytes: number;
  maxBytes: number;
  /** A PATCH should take about this long: progress moves at least this often, and a cut connection loses little. */
  targetMs: number;
}

/**
 * fetch() reports no upload progress, so progress moves once per PATCH; chunks sized to the
 * measured speed keep that about once a second on a slow line, and up to 8 MiB (few requests)
 * on a fast one.
 */
export const DEFAULT_CHUNKS: ChunkPolicy = { firstBytes: 512 * 1024, minBytes: 256 * 1024, maxBytes: 8 * 1024 * 1024, targetMs: 1_000 };

export class ChunkSizer {
  private size: number;

  constructor(private readonly policy: ChunkPolicy = DEFAULT_CHUNKS) {
    this.size = clamp(policy.firstBytes, policy);
  }

  next(): number {
    return this.size;
  }

  /** A PATCH of `bytes` took `ms`. */
  observe(bytes: number, ms: number): void {
    if (bytes <= 0) return;
    const ideal = ms <= 0 ? this.policy.maxBytes : (bytes / ms) * this.policy.targetMs;
    // Grow at most 4x at a time: one lucky fast chunk should not make the next one huge.
    this.size = clamp(Math.min(ideal, this.size * 4), this.policy);
  }

  /** After a failure: the line may be worse than measured. */
  shrink(): void {
    this.size = clamp(this.size / 4, this.policy);
  }
}

function clamp(n: number, p: ChunkPolicy): number {
  return Math.max(p.minBytes, Math.min(p.maxBytes, Math.floor(n)));
}
