/**
 * The showing page's clock: the countdown runs against the server's clock (a viewer whose
 * computer is five minutes wrong still sees the right time to go), read once from the `now` of
 * the fetched view and then advanced by the local clock.
 */

/**
 * The server's clock from one answer: `serverNow` was read somewhere between sending the request
 * (`sentAt`) and receiving it (`receivedAt`), both local; the middle is the best guess.
 */
export class ServerClock {
  readonly offsetMs: number;

  constructor(serverNow: number, sentAt: number, receivedAt: number) {
    this.offsetMs = serverNow - (sentAt + receivedAt) / 2;
  }

  /** Server time at local time `localNow`. */
  now(localNow: number): number {
    return localNow + this.offsetMs;
  }
}

export type ShowingPhase = 'cancelled' | 'upcoming' | 'onNow' | 'over';

export interface ShowingTimes {
  status: string;
  startsAt: number;
  /** Absent or null when the last episode's length is unknown: then it is on until someone says otherwise. */
  endsAt?: number | null;
}

export function showingPhase(s: ShowingTimes, serverNow: number): ShowingPhase {
  if (s.status === 'cancelled') return 'cancelled';
  if (serverNow < s.startsAt) return 'upcoming';
  if (s.endsAt != null && serverNow >= s.endsAt) return 'over';
  return 'onNow';
}

export interface Countdown {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/**
 * What is left until an instant, in whole seconds rounded up: with 0.2 s to go it still says
 * 1 s, so 0 is shown only at the start itself.
 */
export function countdown(remainingMs: number): Countdown {
  const total = Math.max(0, Math.ceil(remainingMs / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor(total / 3600) % 24,
    minutes: Math.floor(total / 60) % 60,
    seconds: total % 60,
  };
}

/** `3:04:05`, `4:05` or `0:05` (days are said in words around it). */
export function clockText(c: Countdown): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return c.hours > 0 ? `${c.hours}:${pad(c.minutes)}:${pad(c.seconds)}` : `${c.minutes}:${pad(c.seconds)}`;
}
