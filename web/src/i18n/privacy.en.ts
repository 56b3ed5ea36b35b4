/** English texts of "hide my address"; spread into en.ts. */
export const privacyEn = {
  'privacy.title': 'Privacy',
  'privacy.hideAddress': 'Hide my address from the others',
  'privacy.hint': 'Voice, shared files and playing on without the server connect your browser straight to the others’, which shows them your network address. Hidden, they go through the server’s relay only and the others see the relay’s address.',
  'privacy.hidden': 'Your address is hidden: peer connections go through the relay.',
  'privacy.shown': 'Others you connect to can see your network address.',
  'privacy.unavailable': 'This server has no relay, so while your address is hidden there are no peer connections: no voice, no files shared from a disk, no playing on when the server is lost.',
} as const;
