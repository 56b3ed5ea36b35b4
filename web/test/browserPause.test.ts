import { describe, expect, it } from 'vitest';
import { browserMadeIt } from '../src/player/browserPause';

describe('browserMadeIt', () => {
  it('takes a pause in a hidden page for the browser\'s own', () => {
    expect(browserMadeIt('pause', { hidden: true, pictureInPicture: false })).toBe(true);
  });
  it('leaves a visible page\'s pause, and one in picture-in-picture, to the person', () => {
    expect(browserMadeIt('pause', { hidden: false, pictureInPicture: false })).toBe(false);
    expect(browserMadeIt('pause', { hidden: true, pictureInPicture: true })).toBe(false);
  });
  it('judges only pauses: a hidden page\'s seek or rate change is still the person\'s (a PiP window, media keys)', () => {
    for (const kind of ['play', 'seeked', 'ratechange', 'waiting'] as const) {
      expect(browserMadeIt(kind, { hidden: true, pictureInPicture: false })).toBe(false);
    }
  });
});
