import type { voiceEn } from './voice.en';

/** Deutsche Texte zum Sprechen beim Schauen; in de.ts eingefügt. */
export const voiceDe: { readonly [K in keyof typeof voiceEn]: string } = {
  'voice.title': 'Sprechen',
  'voice.turnOn': 'Mikrofon einschalten',
  'voice.turnOff': 'Mikrofon ausschalten',
  'voice.hold': 'Zum Sprechen gedrückt halten',
  'voice.mode': 'Mikrofon',
  'voice.mode.open': 'Offenes Mikrofon',
  'voice.mode.pushToTalk': 'Drücken zum Sprechen',
  'voice.ducking': 'Video leiser stellen, während jemand spricht',
  'voice.off': 'Dein Mikrofon ist aus.',
  'voice.open': 'Dein Mikrofon ist an: Alle hier hören dich.',
  'voice.pushToTalk': 'Halte den Knopf oder die Taste T gedrückt, um zu sprechen.',
  'voice.talking': 'Du sprichst: Alle hier hören dich.',
  'voice.alone': 'Noch hört dich niemand: Die Browser der anderen verbinden sich noch.',
  'voice.refused.tooMany': 'Sprechen geht in Räumen mit bis zu {max} Personen; in diesem Raum sind {members}.',
  'voice.refused.unsupported': 'Dieser Browser kann auf dieser Seite kein Mikrofon verwenden (dafür braucht es eine sichere Verbindung, HTTPS).',
  'voice.refused.denied': 'Der Browser hat das Mikrofon nicht erlaubt: Erlaube es für diese Seite und versuche es noch einmal.',
  'voice.refused.noDevice': 'Auf diesem Computer wurde kein Mikrofon gefunden.',
  'voice.refused.failed': 'Das Mikrofon ließ sich nicht öffnen: {detail}',
  'member.speaking': 'spricht',
};
