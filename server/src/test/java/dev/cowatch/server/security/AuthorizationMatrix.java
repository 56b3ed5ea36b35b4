package dev.cowatch.server.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The expectation table of {@code authorization-matrix.tsv} (docs/security.md, "The authorization matrix" says how to read
 * it): for each operation (an HTTP route, a room-socket message, a Syncplay command) and each actor, the
 * answer a careful product gives. A row names one operation, the actors it speaks for ({@code *}: every
 * actor no other row of that operation names) and the expected answer; {@code #} starts a comment.
 */
final class AuthorizationMatrix {
  /** Whose requests the matrix makes, in the order they are made. */
  static final List<String> ACTORS =
      List.of("anonymous", "stranger-guest", "stranger", "signed-out", "banned", "member", "moderator", "owner");
  /**
   * Who a Syncplay client can be: it carries no token, only a room field of {@code code} or
   * {@code code:password}, so it is told apart by the password it gives ({@code password}: the room's own).
   */
  static final List<String> SYNCPLAY_ACTORS = List.of("no-password", "wrong-password", "password");
  /** The surface keyword of Syncplay commands' rows. */
  static final String SYNCPLAY = "SP";

  /** One line of the table: {@code surface} is an HTTP method, {@code WS} or {@code SP} (Syncplay). */
  record Row(int line, String surface, String operation, Set<String> actors, Expected expected) {
    String key() {
      return key(surface, operation);
    }

    static String key(String surface, String operation) {
      return surface + " " + operation;
    }
  }

  private final List<Row> rows;
  /** operation key -> actor -> the row that speaks for it. */
  private final Map<String, Map<String, Row>> byOperation = new LinkedHashMap<>();

  private AuthorizationMatrix(List<Row> rows) {
    this.rows = rows;
    List<String> problems = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Row> actors = byOperation.computeIfAbsent(r.key(), k -> new LinkedHashMap<>());
      for (String a : r.actors()) {
        Row before = actors.putIfAbsent(a, r);
        if (before != null) problems.add("line " + r.line() + ": " + a + " already has line " + before.line());
      }
    }
    Map<String, Row> stars = new LinkedHashMap<>();
    for (Row r : rows) {
      if (!r.actors().isEmpty()) continue;
      Row before = stars.putIfAbsent(r.key(), r);
      if (before != null) problems.add("line " + r.line() + ": a second * row, after line " + before.line());
      Map<String, Row> actors = byOperation.get(r.key());
      for (String a : actorsOf(r.surface())) actors.putIfAbsent(a, r);
    }
    if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("\n", problems));
  }

  static AuthorizationMatrix load(String resource) {
    try (InputStream in = AuthorizationMatrix.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("no " + resource + " on the test class path");
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AuthorizationMatrix parse(String text) {
    List<Row> rows = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      if (hash >= 0) line = line.substring(0, hash);
      line = line.strip();
      if (line.isEmpty()) continue;
      String[] cells = line.split("\\s+");
      if (cells.length < 4 || cells.length > 5) {
        throw new IllegalArgumentException("line " + (i + 1) + ": want surface, operation, actors, answer[, hides:...]");
      }
      rows.add(new Row(i + 1, cells[0], cells[1], actors(cells[2], actorsOf(cells[0]), i + 1),
          Expected.parse(cells[3], cells.length == 5 ? cells[4] : null, i + 1)));
    }
    return new AuthorizationMatrix(rows);
  }

  /** The actors of a surface's rows: Syncplay's clients, or the web's eight. */
  static List<String> actorsOf(String surface) {
    return surface.equals(SYNCPLAY) ? SYNCPLAY_ACTORS : ACTORS;
  }

  /** An empty set stands for {@code *}. */
  private static Set<String> actors(String cell, List<String> known, int line) {
    if (cell.equals("*")) return Set.of();
    Set<String> actors = new LinkedHashSet<>();
    for (String a : cell.split(",")) {
      if (!known.contains(a)) throw new IllegalArgumentException("line " + line + ": no actor '" + a + "' " + known);
      if (!actors.add(a)) throw new IllegalArgumentException("line " + line + ": " + a + " named twice");
    }
    return actors;
  }

  List<Row> rows() {
    return rows;
  }

  /** The operation keys ({@code "GET /api/me"}, {@code "WS play"}) of {@code surface}s the table has rows for. */
  Set<String> operations(Set<String> surfaces) {
    Set<String> keys = new TreeSet<>();
    for (Row r : rows) if (surfaces.contains(r.surface())) keys.add(r.key());
    return keys;
  }

  /** The expected answer of {@code actor}, empty when no row speaks for it. */
  Optional<Row> rowFor(String key, String actor) {
    return Optional.ofNullable(byOperation.getOrDefault(key, Map.of()).get(actor));
  }

  /**
   * An answer as written in the table: {@code 204}, {@code 4xx}, {@code 403:invite-required},
   * {@code applied}, {@code refused:not-permitted}; {@code hides}: JSON pointers that must be absent or
   * null in a 2xx body.
   */
  record Expected(String answer, List<String> hides) {
    static Expected parse(String answer, String hidesCell, int line) {
      List<String> hides = List.of();
      if (hidesCell != null) {
        if (!hidesCell.startsWith("hides:")) throw new IllegalArgumentException("line " + line + ": 5th cell is hides:/a,/b");
        hides = List.of(hidesCell.substring("hides:".length()).split(","));
      }
      return new Expected(answer, hides);
    }

    /**
     * Whether an observed answer ({@code 403:invite-required}, {@code applied}) is this one: the part
     * before {@code :} alike ({@code x} in the table matching any digit), and the part after it alike
     * when the table names one.
     */
    boolean matches(String observed) {
      String[] want = answer.split(":", 2);
      String[] got = observed.split(":", 2);
      if (!sameHead(want[0], got[0])) return false;
      return want.length == 1 || (got.length == 2 && want[1].equals(got[1]));
    }

    private static boolean sameHead(String want, String got) {
      if (want.length() != got.length()) return false;
      for (int i = 0; i < want.length(); i++) {
        char w = want.charAt(i);
        if (w != 'x' && w != got.charAt(i)) return false;
      }
      return true;
    }

    @Override
    public String toString() {
      return hides.isEmpty() ? answer : answer + " hides:" + String.join(",", hides);
    }
  }
}
