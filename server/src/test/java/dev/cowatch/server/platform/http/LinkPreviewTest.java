package dev.cowatch.server.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Open Graph tags carry room names and titles people typed: every one is escaped. */
class LinkPreviewTest {

  @Test
  void every_value_is_escaped_for_an_attribute_and_for_text() {
    LinkPreview p = new LinkPreview("\"><script>alert(1)</script>", "it's <b>bold</b> & more\u0007",
        "http://cowatch.test/r/abcd", "http://cowatch.test/api/media/x/poster?u=a&exp=1&sig=s");

    assertThat(p.headHtml())
        .contains("<meta property=\"og:title\" content=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">")
        .contains("<meta property=\"og:description\" content=\"it&#39;s &lt;b&gt;bold&lt;/b&gt; &amp; more \">")
        .contains("<meta property=\"og:image\" content=\"http://cowatch.test/api/media/x/poster?u=a&amp;exp=1&amp;sig=s\">")
        .contains("<meta name=\"twitter:card\" content=\"summary_large_image\">")
        .doesNotContain("<script>", "<b>");
    assertThat(p.titleHtml()).isEqualTo("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; \u00b7 Cowatch");
  }

  @Test
  void without_an_image_there_is_no_og_image_and_a_small_card() {
    LinkPreview p = new LinkPreview("Film", "Nothing playing yet.", "http://cowatch.test/r/abcd", null);

    assertThat(p.headHtml()).doesNotContain("og:image").contains("<meta name=\"twitter:card\" content=\"summary\">");
  }

  @Test
  void the_page_gets_its_title_and_the_tags_before_the_end_of_its_head() {
    String html = "<html><head><title>Cowatch</title></head><body></body></html>";

    String page = WebRoutes.withPreview(html, new LinkPreview("Film & co", "d", "u", null));

    assertThat(page).startsWith("<html><head><title>Film &amp; co \u00b7 Cowatch</title>  <meta property=\"og:site_name\"")
        .endsWith("</head><body></body></html>");
  }
}
