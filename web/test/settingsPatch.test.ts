import { describe, expect, it } from 'vitest';
import type { RoomSettingsView } from '../src/net/cowatchApi';
import { inviteRequest, settingsPatch, type SettingsForm } from '../src/ui/settingsPatch';

const room: RoomSettingsView = {
  id: 'r1', name: 'Film', visibility: 'public', hasPassword: true, guestsAllowed: true, controlMode: 'everyone',
  bufferingPolicy: 'waitForAll', maxMembers: 50,
};
const unchanged: SettingsForm = {
  name: 'Film', visibility: 'public', password: '', clearPassword: false, guestsAllowed: true, controlMode: 'everyone',
  bufferingPolicy: 'waitForAll', maxMembers: '50',
};

describe('settingsPatch', () => {
  it('is empty when nothing changed', () => {
    expect(settingsPatch(room, unchanged)).toEqual({});
  });

  it('holds only the changed fields', () => {
    expect(settingsPatch(room, { ...unchanged, visibility: 'private', guestsAllowed: false, maxMembers: '8' }))
      .toEqual({ visibility: 'private', guestsAllowed: false, maxMembers: 8 });
  });

  it('sets a new password, or clears it with null', () => {
    expect(settingsPatch(room, { ...unchanged, password: 'open sesame' })).toEqual({ password: 'open sesame' });
    expect(settingsPatch(room, { ...unchanged, password: 'ignored', clearPassword: true })).toEqual({ password: null });
  });

  it('refuses a new password shorter than eight characters, counting characters not UTF-16 units', () => {
    expect(() => settingsPatch(room, { ...unchanged, password: '1234567' })).toThrow(new RangeError('password'));
    expect(() => settingsPatch(room, { ...unchanged, password: '🎬🎬🎬🎬' })).toThrow(RangeError);
    expect(settingsPatch(room, { ...unchanged, password: '12345678' })).toEqual({ password: '12345678' });
    expect(settingsPatch(room, { ...unchanged, password: 'abc', clearPassword: true })).toEqual({ password: null });
  });

  it('reads the pre-roles control mode hostOnly as moderators', () => {
    expect(settingsPatch({ ...room, controlMode: 'hostOnly' }, { ...unchanged, controlMode: 'moderators' })).toEqual({});
  });

  it('keeps a blank name and refuses a member limit that is not a whole number', () => {
    expect(settingsPatch(room, { ...unchanged, name: '  ' })).toEqual({});
    expect(() => settingsPatch(room, { ...unchanged, maxMembers: '2.5' })).toThrow(RangeError);
    expect(() => settingsPatch(room, { ...unchanged, maxMembers: '0' })).toThrow(RangeError);
  });
});

describe('inviteRequest', () => {
  it('leaves out what the server defaults', () => {
    expect(inviteRequest(0, '')).toEqual({});
    expect(inviteRequest(3600, '5')).toEqual({ expiresInSeconds: 3600, maxUses: 5 });
    expect(() => inviteRequest(0, '-1')).toThrow(RangeError);
  });
});
