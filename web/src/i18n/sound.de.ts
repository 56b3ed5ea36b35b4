import type { soundEn } from './sound.en';

/** Deutsche Texte der Tonverzögerung; in de.ts eingefügt. */
export const soundDe: Record<keyof typeof soundEn, string> = {
  'sound.title': 'Tonverzögerung',
  'sound.explain': 'Hörst du den Film später, als du ihn siehst (Bluetooth-Kopfhörer, Soundbar)? Cowatch kann dein Bild um so viel vorausspielen, dass dein Ton mit dem der anderen übereinstimmt.',
  'sound.delay': 'Verzögerung',
  'sound.ms': '{ms} ms',
  'sound.reset': 'Keine',
  'sound.checkMic': 'Mit dem Mikrofon messen',
  'sound.checkTaps': 'Durch Tippen messen',
  'sound.tap': 'Tippen, wenn du einen Klick hörst',
  'sound.tapAlong': 'Tippe auf die Schaltfläche (oder drücke die Leertaste), sobald du einen Klick hörst: acht Klicks.',
  'sound.listening': 'Acht Klicks werden gespielt: Ton an und bitte Ruhe im Raum …',
  'sound.measured': '{ms} ms gemessen und eingestellt ({clicks} Klicks, auf {spread} ms einig).',
  'sound.tooFew': 'Nur {clicks} Klicks waren zu hören: mach lauter oder halte das Mikrofon näher und versuche es noch einmal.',
  'sound.scattered': 'Die {clicks} gehörten Klicks weichen zu sehr voneinander ab: versuche es an einem ruhigeren Ort und mit weniger laufenden Programmen noch einmal.',
  'sound.failed': 'Die Tonprüfung konnte nicht laufen: {detail}',
  'sound.reported': 'Dein Browser gibt {ms} ms für die Tonausgabe an; womöglich hält er das Bild schon um so viel zurück.',
  'members.soundDelay': 'Ton {ms} ms später',
};
