package dev.cowatch.server.platform.http;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request's path as traces and logs may keep it: the segments that are credentials replaced by their route's name,
 * the query's values dropped. Whoever holds an invite token joins the room it opens, so a token in a trace store or a
 * log file is a key to the room for everyone who reads them. The one place that knows which paths carry secrets: a new
 * route with a secret in its path gets a row here and in {@code SecretPathsTest}.
 *
 * <p>The query goes whole (names kept, values gone): signed media URLs carry their signature there ({@code sig=}),
 * the mail links their token ({@code /verify?token=}, {@code /reset-password?token=}), and a name tells an operator
 * enough.
 */
public final class SecretPaths {
  /** Routes whose segment after the prefix is a credential; matched however the path spells the prefix's case. */
  private static final List<Pattern> SECRET_SEGMENTS = List.of(
      // Invite links (room and friend invitations) and their preview.
      Pattern.compile("^(/+i/+)[^/?]+", Pattern.CASE_INSENSITIVE),
      Pattern.compile("^(/+api/+invites/+)[^/?]+", Pattern.CASE_INSENSITIVE));
  static final String HIDDEN = "{token}";
  static final String HIDDEN_VALUE = "_";

  private SecretPaths() {}

  /** {@code path}, maybe with a query, fit to be recorded. */
  public static String redact(String path) {
    if (path == null) return null;
    int q = path.indexOf('?');
    String bare = q < 0 ? path : path.substring(0, q);
    for (Pattern secret : SECRET_SEGMENTS) {
      Matcher m = secret.matcher(bare);
      if (m.find()) {
        bare = m.group(1) + HIDDEN + bare.substring(m.end());
        break;
      }
    }
    return q < 0 ? bare : bare + "?" + withoutValues(path.substring(q + 1));
  }

  private static String withoutValues(String query) {
    StringBuilder kept = new StringBuilder();
    for (String pair : query.split("&", -1)) {
      if (!kept.isEmpty()) kept.append('&');
      int eq = pair.indexOf('=');
      // A bare word may be the secret itself (?<token>): only a name before '=' is kept.
      kept.append(eq < 0 ? HIDDEN_VALUE : pair.substring(0, eq) + "=" + HIDDEN_VALUE);
    }
    return kept.toString();
  }
}
