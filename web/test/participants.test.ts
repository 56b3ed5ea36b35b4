import { describe, expect, it } from 'vitest';
import type { MemberView } from '../src/protocol';
import { clientName, memberState } from '../src/ui/participants';
import type { Timeline } from '../src/engine/timeline';

const playing: Timeline = { mediaId: 'm', state: 'playing', anchorPositionMs: 0, anchorTimeMs: 0, rate: 1, version: 3 };
const member = (readiness: MemberView['readiness']): MemberView =>
  ({ id: 'm-1', name: 'Sam', role: 'guest', connection: 'connected', readiness });

describe('memberState', () => {
  it('shows a viewer whose browser blocked playback as needing a click, not as playing', () => {
    expect(memberState(member('needsClick'), playing)).toBe('member.needsClick');
    expect(memberState(member('ready'), playing)).toBe('member.playing');
  });
});

describe('clientName', () => {
  it('names a Syncplay member\'s client, and no client for the web app\'s members', () => {
    expect(clientName({ ...member('ready'), client: 'syncplay' })).toBe('Syncplay');
    expect(clientName(member('ready'))).toBe('');
  });
});
