/**
 * Wall-clock times in IANA time zones, as the showing form and page need them. A showing is
 * planned as a local date and time in a zone (the server turns it into an instant); the browser
 * has no zone arithmetic beyond Intl, so offsets are read from Intl.DateTimeFormat.
 */

/** `2026-12-01T20:00` or `2026-12-01T20:00:30`: what a datetime-local input holds. */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

interface Fields { year: number; month: number; day: number; hour: number; minute: number; second: number }

/** The wall-clock fields of instant `ms` in `zone`. */
function fieldsAt(ms: number, zone: string): Fields {
  const p: Record<string, number> = {};
  for (const part of partsFormatter(zone).formatToParts(ms)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { year: p['year']!, month: p['month']!, day: p['day']!, hour: p['hour']! % 24, minute: p['minute']!, second: p['second']! };
}

function utcOf(f: Fields): number {
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
}

/** How far `zone`'s clocks are ahead of UTC at instant `ms`, in ms (Berlin in winter: 3,600,000). */
export function offsetAt(ms: number, zone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return utcOf(fieldsAt(whole, zone)) - whole;
}

/** Whether the browser knows `zone` (an IANA name such as `Europe/Berlin`). */
export function isZone(zone: string): boolean {
  try {
    partsFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant a local date-time in `zone` names, or undefined when it is malformed or falls in a
 * gap the clocks skip (spring forward; the server refuses those too). A time that happens twice
 * (fall back) is the earlier one, as java.time does.
 */
export function zonedToEpoch(local: string, zone: string): number | undefined {
  const m = LOCAL.exec(local);
  if (!m || !isZone(zone)) return undefined;
  const f: Fields = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +(m[6] ?? 0) };
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31 || f.hour > 23 || f.minute > 59 || f.second > 59) return undefined;
  const asUtc = utcOf(f);
  if (new Date(asUtc).getUTCDate() !== f.day) return undefined; // 31 April
  // The offsets in force around that day: one, or two when the clocks change near it.
  const offsets = new Set([offsetAt(asUtc - DAY_MS, zone), offsetAt(asUtc, zone), offsetAt(asUtc + DAY_MS, zone)]);
  const fits = [...offsets].map((o) => asUtc - o).filter((at) => utcOf(fieldsAt(at, zone)) === asUtc);
  return fits.length ? Math.min(...fits) : undefined;
}

/** The local date-time of instant `ms` in `zone`, as a datetime-local input takes it (seconds only when not 0). */
export function epochToZoned(ms: number, zone: string): string {
  const f = fieldsAt(ms, zone);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const base = `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}`;
  return f.second ? `${base}:${pad(f.second)}` : base;
}

/**
 * The zones to offer: the browser's list, sorted, with `current` in it even when the list lacks
 * it (Chromium leaves out `UTC` and some aliases such as `Asia/Calcutta` that resolvedOptions gives).
 */
export function zoneOptions(supported: readonly string[], current: string): string[] {
  const all = new Set(supported);
  if (current) all.add(current);
  return [...all].sort((a, b) => a.localeCompare(b));
}

/** The browser's own zone, or UTC when it will not say. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every zone the browser knows (older browsers without supportedValuesOf: just the current one). */
export function supportedZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  } catch {
    return [];
  }
}
