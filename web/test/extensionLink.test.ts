import { describe, expect, it } from 'vitest';
import { parseToExtension, TO_EXTENSION } from '../src/net/extensionLink';

describe('parseToExtension', () => {
  const ok = { channel: TO_EXTENSION, kind: 'openPage', roomId: 'k3m8q2x7pa', page: 'https://video.example/watch?v=1', name: ' Ann ' };

  it('accepts an open-page request, its name trimmed', () => {
    expect(parseToExtension(ok)).toEqual({ ...ok, name: 'Ann' });
    expect(parseToExtension({ ...ok, name: undefined })).toEqual({ ...ok, name: '' });
    expect(parseToExtension({ ...ok, name: 'x'.repeat(100) })?.name).toHaveLength(40);
  });

  it('refuses other pages than http(s), bad room ids and anything else posted on the window', () => {
    for (const page of ['javascript:alert(1)', 'file:///etc/passwd', 'chrome://settings', `https://x.example/${'a'.repeat(2100)}`, 'https://']) {
      expect(parseToExtension({ ...ok, page }), page).toBeUndefined();
    }
    for (const roomId of ['', '../x', 'a b', 'x'.repeat(65)]) expect(parseToExtension({ ...ok, roomId }), roomId).toBeUndefined();
    expect(parseToExtension({ ...ok, channel: 'other' })).toBeUndefined();
    expect(parseToExtension({ ...ok, kind: 'eval' })).toBeUndefined();
    expect(parseToExtension(null)).toBeUndefined();
    expect(parseToExtension('openPage')).toBeUndefined();
  });
});
