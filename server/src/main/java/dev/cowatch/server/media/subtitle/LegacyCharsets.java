package dev.cowatch.server.media.subtitle;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Guesses which 8-bit code page a subtitle file was written in: windows-1252 (Western European),
 * windows-1251 or KOI8-R (Russian and other Cyrillic). Each candidate decoding is scored word by
 * word, and the most plausible wins (windows-1252 on a tie, e.g. when only punctuation is non-ASCII).
 *
 * <p>Only words with a non-ASCII letter say anything. Such a word earns the commonness of each of
 * those letters in the languages the candidate is for (Russian letter frequencies; how often French,
 * German, Spanish, Portuguese and the Nordic languages use each accented letter), and loses
 * {@link #IMPLAUSIBLE_WORD} when no real text looks like it: Latin and Cyrillic letters in one word
 * (French "été" read as windows-1251 is "йtй"); a lower-case letter followed by a capital (windows-1251
 * "Привет" read as KOI8-R is "пРИВЕТ"); a Latin word of four letters or more that is mostly accented
 * (Russian read as windows-1252 is "Ïðèâåò"); or letters of any other script.
 */
final class LegacyCharsets {
  /** Tried in this order; the first wins a tie. */
  static final List<Charset> CANDIDATES = List.of(Charset.forName("windows-1252"), Charset.forName("windows-1251"),
      Charset.forName("KOI8-R"));
  /** Outweighs the letters of a long word, so one misread word costs more than its letters gain. */
  static final double IMPLAUSIBLE_WORD = 3;

  /**
   * Russian letter frequencies (per mille, from large corpora), scaled so that о, the most common,
   * is 1. ё counts as е does in most texts, which write е for it.
   */
  private static final Map<Character, Double> RUSSIAN = scaled(110, Map.ofEntries(
      Map.entry('о', 110.0), Map.entry('е', 85.0), Map.entry('а', 80.0), Map.entry('и', 74.0),
      Map.entry('н', 67.0), Map.entry('т', 63.0), Map.entry('с', 55.0), Map.entry('р', 47.0),
      Map.entry('в', 45.0), Map.entry('л', 44.0), Map.entry('к', 35.0), Map.entry('м', 32.0),
      Map.entry('д', 30.0), Map.entry('п', 28.0), Map.entry('у', 26.0), Map.entry('я', 20.0),
      Map.entry('ы', 19.0), Map.entry('ь', 17.0), Map.entry('г', 17.0), Map.entry('з', 16.0),
      Map.entry('б', 16.0), Map.entry('ч', 14.0), Map.entry('й', 12.0), Map.entry('х', 10.0),
      Map.entry('ж', 9.0), Map.entry('ш', 7.0), Map.entry('ю', 6.0), Map.entry('ц', 5.0),
      Map.entry('щ', 4.0), Map.entry('э', 3.0), Map.entry('ф', 3.0), Map.entry('ё', 3.0), Map.entry('ъ', 0.4),
      // Ukrainian and Belarusian letters of windows-1251 and KOI8-RU
      Map.entry('і', 20.0), Map.entry('ї', 6.0), Map.entry('є', 4.0), Map.entry('ґ', 1.0),
      Map.entry('ў', 5.0)));

  /** Accented letters of Western European languages, by how often those languages use them (é = 1). */
  private static final Map<Character, Double> WESTERN = Map.ofEntries(
      Map.entry('é', 1.0), Map.entry('è', 0.3), Map.entry('à', 0.35), Map.entry('ê', 0.15), Map.entry('ç', 0.15),
      Map.entry('ô', 0.05), Map.entry('â', 0.05), Map.entry('î', 0.05), Map.entry('û', 0.03), Map.entry('ù', 0.05),
      Map.entry('ë', 0.02), Map.entry('ï', 0.03), Map.entry('ü', 0.35), Map.entry('ö', 0.3), Map.entry('ä', 0.4),
      Map.entry('ß', 0.15), Map.entry('ñ', 0.2), Map.entry('á', 0.3), Map.entry('í', 0.3), Map.entry('ó', 0.3),
      Map.entry('ú', 0.1), Map.entry('ã', 0.2), Map.entry('õ', 0.05), Map.entry('ì', 0.05), Map.entry('ò', 0.05),
      Map.entry('å', 0.1), Map.entry('ø', 0.1), Map.entry('æ', 0.05), Map.entry('œ', 0.03));

  private LegacyCharsets() {}

  static TextDecoding.Decoded guess(byte[] bytes) {
    TextDecoding.Decoded best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (Charset charset : CANDIDATES) {
      Optional<String> text = TextDecoding.strict(bytes, 0, charset);
      if (text.isEmpty()) continue;
      double score = score(text.get());
      if (score > bestScore) {
        bestScore = score;
        best = new TextDecoding.Decoded(text.get(), charset.name());
      }
    }
    if (best == null) {
      throw new SubtitleException("the file is neither UTF-8 nor any 8-bit encoding tried (windows-1252, "
          + "windows-1251, KOI8-R): save it as UTF-8");
    }
    return best;
  }

  /** How plausible {@code text} is as natural language: higher is more plausible. */
  static double score(String text) {
    double score = 0;
    int i = 0;
    while (i < text.length()) {
      if (!Character.isLetter(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && Character.isLetter(text.charAt(i))) i++;
      score += wordScore(text, start, i);
    }
    return score;
  }

  private static double wordScore(String text, int from, int to) {
    int ascii = 0;
    int latin = 0;
    int cyrillic = 0;
    int other = 0;
    boolean lowerThenUpper = false;
    double common = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (i > from && Character.isLowerCase(text.charAt(i - 1)) && Character.isUpperCase(c)) lowerThenUpper = true;
      char lower = Character.toLowerCase(c);
      if (c < 0x80) {
        ascii++;
      } else if (Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC) {
        cyrillic++;
        common += RUSSIAN.getOrDefault(lower, 0.0);
      } else if (Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
        latin++;
        common += WESTERN.getOrDefault(lower, 0.0);
      } else {
        other++;
      }
    }
    int accented = latin + cyrillic + other;
    if (accented == 0) return 0;
    int letters = to - from;
    boolean mixed = cyrillic > 0 && (ascii > 0 || latin > 0);
    boolean mostlyAccentedLatin = cyrillic == 0 && letters >= 4 && latin * 2 > letters;
    boolean implausible = mixed || lowerThenUpper || mostlyAccentedLatin || other > 0;
    return common - (implausible ? IMPLAUSIBLE_WORD : 0);
  }

  private static Map<Character, Double> scaled(double top, Map<Character, Double> perMille) {
    java.util.HashMap<Character, Double> m = new java.util.HashMap<>();
    perMille.forEach((c, v) -> m.put(c, v / top));
    return Map.copyOf(m);
  }
}
