package dev.cowatch.protocol;

/**
 * Reads play, pause and seek in the exact forms the clients write them, without Jackson:
 * {@code {"type":"play","version":<digits>}}, {@code {"type":"pause","version":<digits>}} with or
 * without {@code ,"positionMs":<digits>}, and {@code {"type":"seek","version":<digits>,"positionMs":<digits>}}.
 * Anything else (spaces, other fields or order, a ref, signs, fractions, leading zeros) is left to
 * {@link JsonCodec}'s reader, which reads it or explains what is wrong. Intents are rare, so
 * Jackson's reader for them is never hot, and reading one took 30-130 µs of the 1-2 ms an intent
 * took to reach a room of 100.
 */
final class IntentJson {
  private static final String PLAY = "{\"type\":\"play\",\"version\":";
  private static final String PAUSE = "{\"type\":\"pause\",\"version\":";
  private static final String SEEK = "{\"type\":\"seek\",\"version\":";
  private static final String POSITION = ",\"positionMs\":";
  /** At most 18 digits: any such number fits in a long. */
  private static final int MAX_DIGITS = 18;

  private IntentJson() {}

  /** The intent, or null when {@code json} is not in one of the clients' forms. */
  static ClientMessage read(String json) {
    if (json.startsWith(PLAY)) {
      int end = digitsEnd(json, PLAY.length());
      return end == json.length() - 1 && json.charAt(end) == '}'
          ? new ClientMessage.Play(number(json, PLAY.length(), end), null) : null;
    }
    boolean pause = json.startsWith(PAUSE);
    if (!pause && !json.startsWith(SEEK)) return null;
    int start = pause ? PAUSE.length() : SEEK.length();
    int end = digitsEnd(json, start);
    if (end < 0) return null;
    long version = number(json, start, end);
    if (pause && end == json.length() - 1 && json.charAt(end) == '}') return new ClientMessage.Pause(version, null, null);
    if (!json.startsWith(POSITION, end)) return null;
    int positionStart = end + POSITION.length();
    int positionEnd = digitsEnd(json, positionStart);
    if (positionEnd != json.length() - 1 || json.charAt(positionEnd) != '}') return null;
    long position = number(json, positionStart, positionEnd);
    return pause ? new ClientMessage.Pause(version, position, null) : new ClientMessage.Seek(version, position, null);
  }

  /** Where the JSON integer of plain digits from {@code start} ends, or -1 when there is none or it is too long. */
  private static int digitsEnd(String s, int start) {
    int i = start;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
    int digits = i - start;
    if (digits < 1 || digits > MAX_DIGITS) return -1;
    // JSON has no leading zeros: "0" is a number, "012" is not (the codec says why).
    if (digits > 1 && s.charAt(start) == '0') return -1;
    return i;
  }

  private static long number(String s, int start, int end) {
    long v = 0;
    for (int i = start; i < end; i++) v = v * 10 + (s.charAt(i) - '0');
    return v;
  }
}
