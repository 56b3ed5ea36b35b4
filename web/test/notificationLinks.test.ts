import { describe, expect, it } from 'vitest';
import { notificationHref } from '../src/ui/notificationLinks';

describe('notificationHref', () => {
  it('sends friend requests and acceptances to the friends page', () => {
    expect(notificationHref({ kind: 'friendRequest', data: {} })).toBe('/friends');
    expect(notificationHref({ kind: 'friendAccepted', data: {} })).toBe('/friends');
  });

  it('follows a room invitation\u2019s link on this site', () => {
    expect(notificationHref({ kind: 'roomInvite', data: { roomId: 'abcd1234', link: 'https://cw.example/r/abcd1234' } })).toBe('/r/abcd1234');
    expect(notificationHref({ kind: 'roomInvite', data: { roomId: 'abcd1234', link: 'https://cw.example/i/tok.en~x' } })).toBe('/i/tok.en~x');
  });

  it('never leaves the site or follows an unexpected path', () => {
    expect(notificationHref({ kind: 'roomInvite', data: { roomId: 'abcd1234', link: 'https://evil.example/steal' } })).toBe('/r/abcd1234');
    expect(notificationHref({ kind: 'roomInvite', data: { link: 'javascript:alert(1)' } })).toBeUndefined();
    expect(notificationHref({ kind: 'roomInvite', data: { roomId: '../x' } })).toBeUndefined();
  });

  it('opens a showing invitation\u2019s page', () => {
    expect(notificationHref({ kind: 'showingInvite', data: { showingId: 'k3m8q2x7pa', link: 'https://cw.example/s/k3m8q2x7pa' } })).toBe('/s/k3m8q2x7pa');
    expect(notificationHref({ kind: 'showingInvite', data: { link: 'https://cw.example/s/k3m8q2x7pa' } })).toBe('/s/k3m8q2x7pa');
    expect(notificationHref({ kind: 'showingInvite', data: { showingId: 'a/b' } })).toBeUndefined();
  });

  it('has no link for kinds it does not know', () => {
    expect(notificationHref({ kind: 'somethingNew', data: { link: '/r/abcd1234' } })).toBeUndefined();
    expect(notificationHref({ kind: 'friendRequest', data: null })).toBe('/friends');
  });
});
