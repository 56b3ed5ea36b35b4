package dev.cowatch.server.media.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FfmpegPosterExtractorTest {
  @TempDir Path work;
  private final FfmpegPosterExtractor posters = new FfmpegPosterExtractor(Tools.ffmpeg(), Duration.ofSeconds(30));
  private final FfprobeProbe probe = new FfprobeProbe(Tools.ffprobe(), FfprobeProbe.DEFAULT_TIMEOUT);

  @Test
  void aSmallVideo_keepsItsSize() throws Exception {
    byte[] jpeg = posters.poster(Recorded.media("h264-aac.mp4"), Recorded.info("h264-aac.mp4"));

    assertJpeg(jpeg, 160, 120);
  }

  @Test
  void aWideVideo_isScaledTo640Wide() throws Exception {
    Path video = Tools.generate(work, "wide.mp4", "testsrc2=size=1280x720:rate=2:duration=1",
        List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
    MediaInfo info = ((ProbeResult.Probed) probe.probe(video)).info();

    assertJpeg(posters.poster(video, info), 640, 360);
  }

  @Test
  void anamorphicPixels_areMadeSquare() throws Exception {
    // 720x576 PAL stored with 16:15 pixels is shown 768x576, a poster of 640x480.
    Path video = Tools.generate(work, "pal.mpg", "testsrc2=size=720x576:rate=2:duration=1",
        List.of("-vf", "setsar=16/15", "-c:v", "mpeg2video"));
    MediaInfo info = ((ProbeResult.Probed) probe.probe(video)).info();

    assertJpeg(posters.poster(video, info), 640, 480);
  }

  @Test
  void aDurationLongerThanTheVideo_fallsBackToTheFirstFrame() throws Exception {
    MediaInfo info = Recorded.info("vp8-opus.webm");
    MediaInfo wrong = new MediaInfo(info.container(), 60_000, info.video(), info.audio(), 0, 0);

    assertJpeg(posters.poster(Recorded.media("vp8-opus.webm"), wrong), 160, 120);
  }

  @Test
  void anAudioFile_hasNoPoster() {
    assertThatThrownBy(() -> posters.poster(Recorded.media("audio-with-cover.mp3"), Recorded.info("audio-with-cover.mp3")))
        .isInstanceOf(MediaToolException.class).hasMessage("There is no picture to make a poster from.");
  }

  @ParameterizedTest(name = "{0} ms -> {1} ms")
  @CsvSource({"0, 0", "1000, 100", "60000, 6000", "100000, 10000", "7200000, 10000"})
  void thePosterIsTakenTenPercentIn_atMostTenSeconds(long durationMs, long atMs) {
    assertThat(FfmpegPosterExtractor.positionMs(durationMs)).isEqualTo(atMs);
  }

  private static void assertJpeg(byte[] jpeg, int width, int height) throws Exception {
    assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
  }
}
