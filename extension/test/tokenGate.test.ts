import { describe, expect, it } from 'vitest';
import type { RoomBinding } from '../src/shared/messages';
import { tokenGrant } from '../src/shared/tokenGate';

const SERVER = 'https://watch.example.org';
const bound: RoomBinding = { server: SERVER, roomId: 'r-1', name: 'Ann' };
const topFrameOfTab7 = { tabId: 7, frameId: 0 };

describe('tokenGrant', () => {
  it('gives a tab joined to a room on the configured server its room’s binding', () => {
    expect(tokenGrant({ server: SERVER }, topFrameOfTab7, bound, SERVER)).toBe(bound);
  });

  it('refuses a tab nobody joined to a room (any page the content script was put into)', () => {
    expect(tokenGrant({ server: SERVER }, topFrameOfTab7, undefined, SERVER)).toBeUndefined();
  });

  it('refuses a sender without a tab, or a frame inside the tab', () => {
    expect(tokenGrant({ server: SERVER }, {}, bound, SERVER)).toBeUndefined();
    expect(tokenGrant({ server: SERVER }, { tabId: 7, frameId: 3 }, bound, SERVER)).toBeUndefined();
    expect(tokenGrant({ server: SERVER }, { tabId: 7 }, bound, SERVER)).toBeUndefined();
  });

  it('refuses a request for another server than the tab’s room', () => {
    expect(tokenGrant({ server: 'https://evil.example' }, topFrameOfTab7, bound, SERVER)).toBeUndefined();
  });

  it('refuses a tab whose room is on a server the extension is no longer set to', () => {
    const elsewhere: RoomBinding = { server: 'https://old.example.org', roomId: 'r-1', name: 'Ann' };
    expect(tokenGrant({ server: 'https://old.example.org' }, topFrameOfTab7, elsewhere, SERVER)).toBeUndefined();
  });
});
