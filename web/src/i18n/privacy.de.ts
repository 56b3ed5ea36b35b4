import type { privacyEn } from './privacy.en';

/** Deutsche Texte zu „Meine Adresse verbergen“; in de.ts eingefügt. */
export const privacyDe: { readonly [K in keyof typeof privacyEn]: string } = {
  'privacy.title': 'Privatsphäre',
  'privacy.hideAddress': 'Meine Adresse vor den anderen verbergen',
  'privacy.hint': 'Sprechen, geteilte Dateien und das Weiterspielen ohne Server verbinden deinen Browser direkt mit denen der anderen; dabei sehen sie deine Netzwerkadresse. Verborgen läuft alles nur über das Relay des Servers, und die anderen sehen dessen Adresse.',
  'privacy.hidden': 'Deine Adresse ist verborgen: Verbindungen zu anderen laufen über das Relay.',
  'privacy.shown': 'Wer sich mit dir verbindet, kann deine Netzwerkadresse sehen.',
  'privacy.unavailable': 'Dieser Server hat kein Relay. Solange deine Adresse verborgen ist, gibt es keine Verbindungen zu anderen: kein Sprechen, keine von der Festplatte geteilten Dateien, kein Weiterspielen, wenn der Server weg ist.',
};
