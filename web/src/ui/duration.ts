/**
 * Runtimes as people type them: `1:02:03` (h:mm:ss), `45:30` (m:ss) or `90` (seconds), with
 * optional fractions of a second. Minutes and seconds below a larger unit must be under 60, so a
 * slip such as `1:75` is refused rather than read as 2:15.
 */
const PATTERN = /^(?:(?:(\d{1,3}):)?(\d{1,2}):)?(\d{1,5})(?:[.,](\d{1,3}))?$/;

/** Milliseconds, or undefined when the text is not a positive runtime. */
export function parseDuration(text: string): number | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const hours = m[1] === undefined ? 0 : Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  const seconds = Number(m[3]);
  const millis = m[4] === undefined ? 0 : Number(m[4].padEnd(3, '0'));
  if (m[2] !== undefined && seconds > 59) return undefined;
  if (m[1] !== undefined && minutes > 59) return undefined;
  const total = ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
  return total > 0 ? total : undefined;
}

/** `1:02:03`, `2:03` or `0:06`: the inverse of {@link parseDuration} for whole seconds. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(total / 3600);
  const m = Math.floor(total / 60) % 60;
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
