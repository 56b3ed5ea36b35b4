import { describe, expect, it } from 'vitest';
import { queueLabel } from '../src/ui/queue';
import { permissions } from '../src/net/permissions';

describe('queue', () => {
  it('names an entry by its title, else by the end of its URL', () => {
    expect(queueLabel({ id: 'q1', mediaId: 'https://x.org/films/the%20pilot.mp4', title: '' })).toBe('the pilot.mp4');
    expect(queueLabel({ id: 'q1', mediaId: 'media:abc', title: 'Holiday' })).toBe('Holiday');
    expect(queueLabel({ id: 'q1', mediaId: 'media:abc', title: '' })).toBe('an uploaded video');
    expect(queueLabel({ id: 'q1', mediaId: 'not a url', title: '' })).toBe('not a url');
  });

  it('may be edited as the permission table says', () => {
    expect(permissions.editQueue('member', 'everyone')).toBe(true);
    expect(permissions.editQueue('member', 'moderators')).toBe(false);
    expect(permissions.editQueue('moderator', 'moderators')).toBe(true);
    expect(permissions.editQueue('guest', 'everyone')).toBe(false);
  });
});
