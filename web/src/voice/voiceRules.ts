/**
 * When this member may talk in the room and why not (docs/protocol.md 3.12, "Voice"): voice rides on
 * the sync mesh, which only exists up to MAX_MESH connected members, so above that the microphone is
 * refused with the room's size as the reason, never silently dropped. Pure.
 */
import { MAX_MESH } from '../p2p/syncFrames';

/** Open: the microphone sends while it is on. Push-to-talk: only while the button or key is held. */
export type MicMode = 'open' | 'pushToTalk';

export type VoiceRefusal =
  | { readonly reason: 'tooMany'; readonly members: number; readonly max: number }
  /** No getUserMedia: an insecure page (http:// off localhost) or a browser without one. */
  | { readonly reason: 'unsupported' }
  | { readonly reason: 'denied' }
  | { readonly reason: 'noDevice' }
  | { readonly reason: 'failed'; readonly detail: string };

/** Why the microphone may not be turned on in a room with `connectedMembers`, or null when it may. */
export function voiceRefusal(connectedMembers: number, hasMicrophoneApi: boolean, max: number = MAX_MESH): VoiceRefusal | null {
  if (connectedMembers > max) return { reason: 'tooMany', members: connectedMembers, max };
  if (!hasMicrophoneApi) return { reason: 'unsupported' };
  return null;
}

/** What getUserMedia's error means for the person (its DOMException name). */
export function microphoneRefusal(errorName: string, message: string): VoiceRefusal {
  switch (errorName) {
    case 'NotAllowedError':
    case 'SecurityError':
      return { reason: 'denied' };
    case 'NotFoundError':
    case 'OverconstrainedError':
      return { reason: 'noDevice' };
    default:
      return { reason: 'failed', detail: message || errorName };
  }
}

/** Whether this member's voice goes out now. */
export function transmitting(mode: MicMode, micOn: boolean, held: boolean): boolean {
  return micOn && (mode === 'open' || held);
}

/** What a viewer chose about voice, remembered in their browser. */
export interface VoicePrefs {
  readonly mode: MicMode;
  /** Whether voices lower the film. */
  readonly ducking: boolean;
}

export const DEFAULT_VOICE_PREFS: VoicePrefs = { mode: 'open', ducking: true };

/** The remembered choice, read back; anything unreadable or from another version falls back field by field. */
export function parseVoicePrefs(text: string | null): VoicePrefs {
  let o: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text ?? '{}');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) o = parsed as Record<string, unknown>;
  } catch {
    // unreadable: the defaults
  }
  return {
    mode: o['mode'] === 'open' || o['mode'] === 'pushToTalk' ? o['mode'] : DEFAULT_VOICE_PREFS.mode,
    ducking: typeof o['ducking'] === 'boolean' ? o['ducking'] : DEFAULT_VOICE_PREFS.ducking,
  };
}
