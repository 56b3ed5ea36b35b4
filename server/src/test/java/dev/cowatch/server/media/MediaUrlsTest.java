package dev.cowatch.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.media.MediaUrls.Check;
import dev.cowatch.server.media.MediaUrls.Target;
import dev.cowatch.server.platform.secret.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MediaUrlsTest {
  private static final byte[] KEY = new byte[32];
  private static final UserId ANN = new UserId("u-ann");
  private static final long EXP = 1_700_000_000_000L;

  private final MediaUrls urls = new MediaUrls(KEY);

  private static String param(String path, String name) {
    return path.replaceAll(".*[?&]" + name + "=([^&]*).*", "$1");
  }

  private Check checkAs(Target target, String signedPath, long now) {
    return urls.check(target, param(signedPath, "u"), param(signedPath, "exp"), param(signedPath, "sig"), now);
  }

  @Test
  void signedUrl_isValidUntilItsExpiry_andNotAtIt() {
    String path = urls.sign("abcdefgh", ANN, EXP).path();
    assertThat(path).startsWith("/api/media/abcdefgh/stream?u=u-ann&exp=" + EXP + "&sig=");
    String sig = param(path, "sig");
    assertThat(urls.check(Target.stream("abcdefgh"), "u-ann", String.valueOf(EXP), sig, EXP - 1))
        .isEqualTo(Check.VALID);
    assertThat(urls.check(Target.stream("abcdefgh"), "u-ann", String.valueOf(EXP), sig, EXP)).isEqualTo(Check.EXPIRED);
  }

  @Test
  void eachKind_namesItsOwnPath() {
    assertThat(urls.signPoster("abcdefgh", ANN, EXP).path()).startsWith("/api/media/abcdefgh/poster?u=u-ann&exp=");
    assertThat(urls.signSubtitle("abcdefgh", "track0001", ANN, EXP).path())
        .startsWith("/api/media/abcdefgh/subtitles/track0001.vtt?u=u-ann&exp=");
  }

  @Test
  void anyChangedPart_isForged() {
    String sig = param(urls.sign("abcdefgh", ANN, EXP).path(), "sig");
    Target stream = Target.stream("abcdefgh");
    assertThat(urls.check(Target.stream("abcdefgz"), "u-ann", String.valueOf(EXP), sig, 0)).isEqualTo(Check.FORGED);
    assertThat(urls.check(stream, "u-bob", String.valueOf(EXP), sig, 0)).isEqualTo(Check.FORGED);
    assertThat(urls.check(stream, "u-ann", String.valueOf(EXP + 1), sig, 0)).isEqualTo(Check.FORGED);
    assertThat(urls.check(stream, "u-ann", String.valueOf(EXP), sig + "A", 0)).isEqualTo(Check.FORGED);
    byte[] otherKey = Arrays.copyOf(KEY, 32);
    otherKey[0] = 1;
    String foreign = param(new MediaUrls(otherKey).sign("abcdefgh", ANN, EXP).path(), "sig");
    assertThat(urls.check(stream, "u-ann", String.valueOf(EXP), foreign, 0)).isEqualTo(Check.FORGED);
  }

  /** Every target of two items (stream, poster, two tracks each), in a seeded order. */
  static Stream<Arguments> signedAndAsked() {
    List<Target> targets = new ArrayList<>();
    for (String id : List.of("abcdefgh", "ijklmnop")) {
      targets.addAll(List.of(Target.stream(id), Target.poster(id), Target.subtitle(id, "track0001"),
          Target.subtitle(id, "track0002")));
    }
    java.util.Collections.shuffle(targets, new Random(51));
    return targets.stream().flatMap(signed -> targets.stream().map(asked -> Arguments.of(signed, asked)));
  }

  /** Issue 51, finding 2: a preview's poster URL with /stream put in its path opened the film. */
  @ParameterizedTest(name = "signed for {0}, asked as {1}")
  @MethodSource("signedAndAsked")
  void aUrl_opensExactlyWhatItWasSignedFor(Target signed, Target asked) {
    String path = urls.sign(signed, ANN, EXP).path();
    assertThat(checkAs(asked, path, EXP - 1)).isEqualTo(signed.equals(asked) ? Check.VALID : Check.FORGED);
  }

  @Test
  void posterSignature_onTheStreamPath_isForged_andTheOtherWayRound() {
    String poster = urls.signPoster("abcdefgh", ANN, EXP).path();
    String stream = urls.sign("abcdefgh", ANN, EXP).path();
    assertThat(checkAs(Target.stream("abcdefgh"), poster.replace("/poster?", "/stream?"), 0)).isEqualTo(Check.FORGED);
    assertThat(checkAs(Target.poster("abcdefgh"), stream, 0)).isEqualTo(Check.FORGED);
    assertThat(checkAs(Target.subtitle("abcdefgh", "track0001"), stream, 0)).isEqualTo(Check.FORGED);
  }

  @Test
  void aVersionOneUrl_signedOverIdUserAndExpiryAlone_noLongerChecks() {
    String v1 = "media-url/v1\nabcdefgh\nu-ann\n" + EXP;
    String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(
        Hmac.keyed(KEY).sign(v1.getBytes(StandardCharsets.UTF_8)));
    for (Target t : List.of(Target.stream("abcdefgh"), Target.poster("abcdefgh"), Target.subtitle("abcdefgh", "t"))) {
      assertThat(urls.check(t, "u-ann", String.valueOf(EXP), sig, 0)).as(t.toString()).isEqualTo(Check.FORGED);
    }
  }

  @Test
  void newlinesInAPathField_areMalformed_soNoFieldCanRunIntoTheNext() {
    String sig = param(urls.signSubtitle("abcdefgh", "track0001", ANN, EXP).path(), "sig");
    assertThat(urls.check(Target.subtitle("abcdefgh\ntrack0001", ""), "u-ann", String.valueOf(EXP), sig, 0))
        .isEqualTo(Check.MALFORMED);
    assertThat(urls.check(Target.subtitle("abcdefgh", "track0001\n"), "u-ann", String.valueOf(EXP), sig, 0))
        .isEqualTo(Check.MALFORMED);
    assertThatThrownBy(() -> urls.sign(Target.stream("a\nb"), ANN, EXP)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSubtitleRequestWithoutATrack_isForged_notAnError() {
    String sig = param(urls.sign("abcdefgh", ANN, EXP).path(), "sig");
    assertThat(urls.check(Target.subtitle("abcdefgh", null), "u-ann", String.valueOf(EXP), sig, 0))
        .isEqualTo(Check.FORGED);
  }

  @Test
  void missingOrMalformedParts_areMalformed() {
    Target stream = Target.stream("abcdefgh");
    assertThat(urls.check(stream, null, "1", "x", 0)).isEqualTo(Check.MALFORMED);
    assertThat(urls.check(stream, "u-ann", null, "x", 0)).isEqualTo(Check.MALFORMED);
    assertThat(urls.check(stream, "u-ann", "1", null, 0)).isEqualTo(Check.MALFORMED);
    assertThat(urls.check(stream, "u-ann", "1e9", "x", 0)).isEqualTo(Check.MALFORMED);
    assertThat(urls.check(stream, "u ann\n", "1", "x", 0)).isEqualTo(Check.MALFORMED);
    assertThat(urls.check(Target.stream(null), "u-ann", "1", "x", 0)).isEqualTo(Check.MALFORMED);
  }

  @Test
  void shortKeys_areRefused() {
    assertThatThrownBy(() -> new MediaUrls(new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }
}
