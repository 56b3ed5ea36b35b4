/** English texts of the sound delay panel; spread into en.ts. */
export const soundEn = {
  'sound.title': 'Sound delay',
  'sound.explain': 'Hear the film later than you see it (Bluetooth headphones, a sound bar)? Cowatch can play your picture that much ahead, so your sound is in step with everyone else’s.',
  'sound.delay': 'Delay',
  'sound.ms': '{ms} ms',
  'sound.reset': 'None',
  'sound.checkMic': 'Measure with the microphone',
  'sound.checkTaps': 'Measure by tapping',
  'sound.tap': 'Tap when you hear a click',
  'sound.tapAlong': 'Tap the button (or press Space) each time you hear a click: eight clicks.',
  'sound.listening': 'Playing eight clicks: keep the sound on and the room quiet…',
  'sound.measured': 'Measured {ms} ms and set ({clicks} clicks, agreeing within {spread} ms).',
  'sound.tooFew': 'Only {clicks} clicks were heard: turn the sound up, or bring the microphone closer, and try again.',
  'sound.scattered': 'The {clicks} clicks heard disagree too much to trust: try again somewhere quieter, with fewer programs running.',
  'sound.failed': 'The sound check could not run: {detail}',
  'sound.reported': 'Your browser says its sound output takes {ms} ms; it may already hold the picture back by as much.',
  'members.soundDelay': 'sound {ms} ms later',
} as const;
