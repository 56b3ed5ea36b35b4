/** Deutsche Texte für Räume, deren Video nicht auf dem Server liegt. */
export const localMediaDe = {
  'ownCopy.explain': 'Dieser Raum spielt eine Datei von den Computern der Mitglieder ({size}): Öffne sie mit cowatch-bridge oder wähle deine Kopie.',
  'ownCopy.choose': 'Deine Kopie wählen',
  'ownCopy.checking': 'Prüfe, ob {name} das Video des Raums ist\u2026',
  'ownCopy.playing': 'Deine Kopie ({name}) läuft; sie bleibt auf diesem Computer.',
  'ownCopy.otherSize': '{name} ist nicht das Video des Raums: deine hat {yours}, die des Raums {theirs}. Wähle eine andere Datei.',
  'ownCopy.otherContent': '{name} ist nicht das Video des Raums: gleiche Größe, anderer Inhalt (andere Fassung oder Kodierung). Wähle eine andere Datei.',
  'ownCopy.unreadable': '{name} ließ sich nicht lesen: {reason}',
};
