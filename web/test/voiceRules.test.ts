import { describe, expect, it } from 'vitest';
import type { MemberView } from '../src/protocol';
import { meshSize } from '../src/p2p/peerMesh';
import { MAX_MESH } from '../src/p2p/syncFrames';
import { microphoneRefusal, parseVoicePrefs, transmitting, voiceRefusal } from '../src/voice/voiceRules';

const member = (id: string, more: Partial<MemberView> = {}): MemberView =>
  ({ id, name: id, role: 'member', connection: 'connected', readiness: 'ready', ...more });

describe('voiceRefusal', () => {
  it('lets a room of up to the mesh\'s size talk', () => {
    expect(MAX_MESH).toBe(8);
    expect(voiceRefusal(1, true)).toBeNull();
    expect(voiceRefusal(MAX_MESH, true)).toBeNull();
  });

  it('refuses a bigger room and says how big it is and what the limit is', () => {
    expect(voiceRefusal(MAX_MESH + 1, true)).toEqual({ reason: 'tooMany', members: 9, max: 8 });
  });

  it('refuses where the browser has no microphone API (an insecure page)', () => {
    expect(voiceRefusal(3, false)).toEqual({ reason: 'unsupported' });
  });
});

describe('meshSize', () => {
  it('counts this member and the other connected members of Cowatch\'s own apps', () => {
    const members = [member('me'), member('a'), member('b', { connection: 'disconnected' }), member('c', { client: 'syncplay' })];
    expect(meshSize(members, 'me')).toBe(2);
  });
});

describe('microphoneRefusal', () => {
  it('tells a refused permission from a missing device from anything else', () => {
    expect(microphoneRefusal('NotAllowedError', 'Permission denied')).toEqual({ reason: 'denied' });
    expect(microphoneRefusal('NotFoundError', 'Requested device not found')).toEqual({ reason: 'noDevice' });
    expect(microphoneRefusal('NotReadableError', 'Could not start audio source'))
      .toEqual({ reason: 'failed', detail: 'Could not start audio source' });
  });
});

describe('transmitting', () => {
  it('sends an open microphone while it is on, a push-to-talk one only while held', () => {
    expect(transmitting('open', true, false)).toBe(true);
    expect(transmitting('open', false, true)).toBe(false);
    expect(transmitting('pushToTalk', true, false)).toBe(false);
    expect(transmitting('pushToTalk', true, true)).toBe(true);
    expect(transmitting('pushToTalk', false, true)).toBe(false);
  });
});

describe('parseVoicePrefs', () => {
  it('reads back what was saved', () => {
    expect(parseVoicePrefs(JSON.stringify({ mode: 'pushToTalk', ducking: false }))).toEqual({ mode: 'pushToTalk', ducking: false });
  });

  it('falls back to an open microphone with ducking, field by field, on anything else', () => {
    expect(parseVoicePrefs(null)).toEqual({ mode: 'open', ducking: true });
    expect(parseVoicePrefs('not json')).toEqual({ mode: 'open', ducking: true });
    expect(parseVoicePrefs('[1]')).toEqual({ mode: 'open', ducking: true });
    expect(parseVoicePrefs(JSON.stringify({ mode: 'shout', ducking: false }))).toEqual({ mode: 'open', ducking: false });
  });
});
