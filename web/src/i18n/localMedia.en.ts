/** English texts for rooms whose video is not on the server: a file on the members' computers, a web page. */
export const localMediaEn = {
  'ownCopy.explain': 'This room plays a file from the members\u2019 own computers ({size}): open it with cowatch-bridge, or choose your copy.',
  'ownCopy.choose': 'Choose your copy',
  'ownCopy.checking': 'Checking that {name} is the room\u2019s video\u2026',
  'ownCopy.playing': 'Playing your copy ({name}); it stays on this computer.',
  'ownCopy.otherSize': '{name} is not the room\u2019s video: yours has {yours}, the room\u2019s {theirs}. Choose another file.',
  'ownCopy.otherContent': '{name} is not the room\u2019s video: same size, different content (another release or encode). Choose another file.',
  'ownCopy.unreadable': 'Could not read {name}: {reason}',
};
