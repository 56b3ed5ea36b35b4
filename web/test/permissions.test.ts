import { describe, expect, it } from 'vitest';
import type { RoomRole } from '../src/net/cowatchApi';
import { permissions, sortMembers } from '../src/net/permissions';
import { matchRoute, safeNext, withNext } from '../src/ui/router';

const ROLES: RoomRole[] = ['owner', 'moderator', 'member', 'guest'];

describe('permissions (docs/api.md table)', () => {
  it('lets owners and moderators change settings, and everyone but guests invite', () => {
    expect(ROLES.filter((r) => permissions.changeSettings(r))).toEqual(['owner', 'moderator']);
    expect(ROLES.filter((r) => permissions.invite(r))).toEqual(['owner', 'moderator', 'member']);
    expect(permissions.invite(undefined)).toBe(false);
  });

  it('lets moderators kick and ban only members and guests; owners anyone else', () => {
    expect(ROLES.filter((t) => permissions.kick('moderator', t))).toEqual(['member', 'guest']);
    expect(ROLES.filter((t) => permissions.ban('owner', t))).toEqual(['moderator', 'member', 'guest']);
    expect(ROLES.filter((t) => permissions.kick('member', t))).toEqual([]);
  });

  it('leaves roles and ownership to the owner', () => {
    expect(ROLES.filter((r) => permissions.changeRole(r, 'member'))).toEqual(['owner']);
    expect(permissions.transferOwnership('owner', 'moderator')).toBe(true);
    expect(permissions.transferOwnership('moderator', 'member')).toBe(false);
  });

  it('sorts members by role, then online, then name', () => {
    const m = (displayName: string, role: RoomRole, online: boolean) => ({ userId: displayName, displayName, role, online });
    expect(sortMembers([m('Zed', 'member', true), m('Ann', 'member', false), m('Bob', 'owner', false), m('Cy', 'member', true)])
      .map((x) => x.displayName)).toEqual(['Bob', 'Cy', 'Zed', 'Ann']);
  });
});

describe('routes', () => {
  it('matches every page', () => {
    expect(matchRoute('/', '')).toEqual({ page: 'home' });
    expect(matchRoute('/r/abcd1234', '')).toEqual({ page: 'room', roomId: 'abcd1234' });
    expect(matchRoute('/i/abc.DEF_12-x', '')).toEqual({ page: 'invite', token: 'abc.DEF_12-x' });
    expect(matchRoute('/signin', '?next=%2Fi%2Fabc')).toEqual({ page: 'signin', next: '/i/abc' });
    expect(matchRoute('/signup/', '')).toEqual({ page: 'signup' });
    expect(matchRoute('/verify', '?token=t1')).toEqual({ page: 'verify', token: 't1' });
    expect(matchRoute('/reset-password', '')).toEqual({ page: 'resetPassword' });
    expect(matchRoute('/reset-password', '?token=t2')).toEqual({ page: 'resetPassword', token: 't2' });
    expect(matchRoute('/me', '')).toEqual({ page: 'me' });
    expect(matchRoute('/rooms', '')).toEqual({ page: 'rooms' });
    expect(matchRoute('/directory', '?q=film')).toEqual({ page: 'directory', q: 'film' });
    expect(matchRoute('/nope', '')).toEqual({ page: 'notFound' });
  });

  it('follows only same-site paths after signing in', () => {
    expect(safeNext('/r/abcd')).toBe('/r/abcd');
    expect(safeNext('//evil.example/x')).toBeUndefined();
    expect(safeNext('https://evil.example')).toBeUndefined();
    expect(safeNext('/\\evil.example')).toBeUndefined();
    expect(matchRoute('/signin', '?next=https://evil.example')).toEqual({ page: 'signin' });
    expect(withNext('/signin', '/i/a b')).toBe('/signin?next=%2Fi%2Fa%20b');
  });
});
