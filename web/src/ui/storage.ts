/** What the browser remembers for the person: name, recent rooms, resume tokens, voice choices, sound delay. */
import { parseVoicePrefs, type VoicePrefs } from '../voice/voiceRules';
import { boundedSoundDelay } from '../engine/soundDelay';

export interface RecentRoom {
  id: string;
  name: string;
  visitedAt: number;
}

const RECENT = 'cowatch.recent';
const NAME = 'cowatch.name';
const MAX_RECENT = 10;

function read(key: string, storage: Storage = localStorage): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string, storage: Storage = localStorage): void {
  try {
    storage.setItem(key, value);
  } catch {
    // not remembered; everything still works for this visit
  }
}

export function recentRooms(): RecentRoom[] {
  try {
    const parsed: unknown = JSON.parse(read(RECENT) ?? '[]');
    return Array.isArray(parsed) ? (parsed as RecentRoom[]).filter((r) => typeof r?.id === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberRoom(id: string, name: string, now: number): void {
  const rest = recentRooms().filter((r) => r.id !== id);
  write(RECENT, JSON.stringify([{ id, name, visitedAt: now }, ...rest].slice(0, MAX_RECENT)));
}

export function forgetRoom(id: string): void {
  write(RECENT, JSON.stringify(recentRooms().filter((r) => r.id !== id)));
}

export function savedName(): string {
  return read(NAME) ?? '';
}

export function saveName(name: string): void {
  write(NAME, name);
}

/** Per tab: a reload of the page comes back as the same member. */
export function resumeToken(roomId: string): string | undefined {
  return read(`cowatch.resume.${roomId}`, sessionStorage) ?? undefined;
}

export function saveResumeToken(roomId: string, token: string): void {
  write(`cowatch.resume.${roomId}`, token, sessionStorage);
}

const VOICE = 'cowatch.voice';

/** Push-to-talk or open microphone, and whether voices lower the film: the same in every room. */
export function voicePrefs(): VoicePrefs {
  return parseVoicePrefs(read(VOICE));
}

export function saveVoicePrefs(prefs: VoicePrefs): void {
  write(VOICE, JSON.stringify(prefs));
}

const SOUND_DELAY = 'cowatch.soundDelayMs';

/** How much later this device plays the film's sound than its picture (the same headphones in every room). */
export function savedSoundDelay(): number {
  return boundedSoundDelay(Number(read(SOUND_DELAY) ?? 0));
}

export function saveSoundDelay(ms: number): void {
  write(SOUND_DELAY, String(boundedSoundDelay(ms)));
}
