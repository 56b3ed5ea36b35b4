import { describe, expect, it } from 'vitest';
import { StepDetector } from '../src/player/stepDetector';

describe('StepDetector', () => {
  it('tells a video moving frame by frame from one moving between any two readings', () => {
    const firefox = new StepDetector();
    const chromium = new StepDetector();
    for (let i = 0; i < StepDetector.WINDOW; i++) {
      firefox.reading(i % 2 === 1); // 40 ms steps read every 20 ms: every other reading stands still
      chromium.reading(false);
    }
    expect(firefox.stepping).toBe(true);
    expect(chromium.stepping).toBe(false);
  });
});
