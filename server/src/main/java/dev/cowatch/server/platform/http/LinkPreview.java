package dev.cowatch.server.platform.http;

/**
 * What a page says about itself to a program that fetches a link without running scripts (a messenger
 * making a link preview): the page title and Open Graph tags. Every value may be user-provided (room
 * names, titles), so {@link #headHtml} escapes each one for an HTML attribute or text.
 *
 * @param title the page's title and {@code og:title}
 * @param description {@code og:description}
 * @param url the canonical link, absolute ({@code og:url})
 * @param imageUrl an absolute image URL ({@code og:image}), or null
 */
public record LinkPreview(String title, String description, String url, String imageUrl) {
  public static final String SITE_NAME = "Cowatch";

  /** The tags for the page's head, one a line. */
  public String headHtml() {
    StringBuilder b = new StringBuilder();
    meta(b, "og:site_name", SITE_NAME);
    meta(b, "og:type", "website");
    meta(b, "og:title", title);
    meta(b, "og:description", description);
    meta(b, "og:url", url);
    if (imageUrl != null) meta(b, "og:image", imageUrl);
    b.append("  <meta name=\"twitter:card\" content=\"").append(imageUrl == null ? "summary" : "summary_large_image")
        .append("\">\n");
    b.append("  <meta name=\"description\" content=\"").append(escape(description)).append("\">\n");
    return b.toString();
  }

  /** The text of the page's {@code <title>}. */
  public String titleHtml() {
    return escape(title + " \u00b7 " + SITE_NAME);
  }

  private static void meta(StringBuilder b, String property, String content) {
    b.append("  <meta property=\"").append(property).append("\" content=\"").append(escape(content)).append("\">\n");
  }

  /** Escapes for both HTML text and a double- or single-quoted attribute. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // Control characters have no business in a title; a messenger might render them.
          if (c < 0x20 && c != '\t') out.append(' ');
          else out.append(c);
        }
      }
    }
    return out.toString();
  }
}
