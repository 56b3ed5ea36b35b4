import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/net/api';
import { describeError } from '../src/ui/forms';

const problem = (status: number, slug: string, detail?: string, retry?: number) =>
  new ApiError(status, `https://cowatch.dev/problems/${slug}`, slug, detail, [], retry);

describe('describeError', () => {
  it('says known problems in the catalogue\u2019s words', () => {
    expect(describeError(problem(401, 'invalid-credentials', 'bad'))).toBe('Wrong email address or password.');
    expect(describeError(problem(429, 'too-many-attempts', undefined, 42))).toBe('Too many attempts. Try again in 42 s.');
    expect(describeError(problem(429, 'too-many-password-guesses', 'x', 600)))
      .toBe("Too many tries at this room's password. Try again in 600 s, or ask for an invite link.");
    expect(describeError(problem(400, 'invalid-room-password', 'x'))).toBe('A room password needs at least 8 characters.');
    expect(describeError(new ApiError(0, 'network', 'Network error', 'Failed to fetch'))).toBe('Cannot reach the Cowatch server.');
  });

  it('falls back to the server\u2019s detail, then its title', () => {
    expect(describeError(problem(422, 'invalid-room-settings', 'max members must be 1-1000'))).toBe('max members must be 1-1000');
    expect(describeError(problem(409, 'not-a-guest'))).toBe('not-a-guest');
    expect(describeError(problem(403, 'forbidden', 'moderators only'))).toBe('Not allowed: moderators only');
  });
});
