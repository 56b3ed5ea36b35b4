import { describe, expect, it } from 'vitest';
import { matchRoute } from '../src/ui/router';

describe('social routes', () => {
  it('finds the social pages, with or without a trailing slash', () => {
    expect(matchRoute('/friends', '')).toEqual({ page: 'friends' });
    expect(matchRoute('/notifications/', '')).toEqual({ page: 'notifications' });
    expect(matchRoute('/showings', '')).toEqual({ page: 'showings' });
    expect(matchRoute('/showings/new', '')).toEqual({ page: 'planShowing' });
    expect(matchRoute('/s/k3m8q2x7pa2b4c5d', '')).toEqual({ page: 'showing', showingId: 'k3m8q2x7pa2b4c5d' });
    expect(matchRoute('/history', '')).toEqual({ page: 'history' });
  });

  it('leaves the other pages and nonsense alone', () => {
    expect(matchRoute('/r/abcd1234', '')).toEqual({ page: 'room', roomId: 'abcd1234' });
    expect(matchRoute('/s/', '')).toEqual({ page: 'notFound' });
    expect(matchRoute('/s/a/b', '')).toEqual({ page: 'notFound' });
    expect(matchRoute('/showings/old', '')).toEqual({ page: 'notFound' });
  });
});
