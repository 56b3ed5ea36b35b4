package dev.cowatch.server.media.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TranscodePlanTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      hevc-ac3.mkv          | false | true  | false | false
      mpeg2-mp2.mpg         | false | true  | false | false
      h264-aac.mkv          | true  | true  | true  | false
      xvid-mp3.avi          | false | true  | true  | false
      h264-10bit-silent.mp4 | false | false | false | false
      """)
  void recordedFiles(String file, boolean copyVideo, boolean audio, boolean copyAudio, boolean downmix) {
    assertThat(TranscodePlan.of(Recorded.info(file))).isEqualTo(new TranscodePlan(copyVideo, audio, copyAudio, downmix));
  }

  @ParameterizedTest(name = "{0} {1}x{2} {3} -> copy video {4}")
  @CsvSource({
      "h264, 1920, 1080, yuv420p, true",
      "h264, 1080, 1920, yuv420p, true",
      "h264, 2560, 1440, yuv420p, false",
      "h264, 1920, 1200, yuv420p, false",
      "h264, 1280, 720, yuvj420p, true",
      "h264, 1280, 720, yuv422p, false",
      "vp9, 1280, 720, yuv420p, false"})
  void videoIsCopied_onlyWhenItIsBrowserSafeH264UpTo1080p(String codec, int w, int h, String pixFmt, boolean copy) {
    MediaInfo info = new MediaInfo("matroska,webm", 1000,
        Optional.of(new MediaInfo.VideoStream(codec, "", w, h, pixFmt, 25)), Optional.empty(), 0, 0);

    assertThat(TranscodePlan.of(info).copyVideo()).isEqualTo(copy);
  }

  @ParameterizedTest(name = "{0} x{1}")
  @CsvSource({"aac, 2, true, false", "mp3, 2, true, false", "aac, 6, false, true", "ac3, 6, false, true",
      "ac3, 2, false, false", "flac, 1, false, false"})
  void audio(String codec, int channels, boolean copy, boolean downmix) {
    MediaInfo info = new MediaInfo("matroska,webm", 1000,
        Optional.of(new MediaInfo.VideoStream("hevc", "", 640, 360, "yuv420p", 25)),
        Optional.of(new MediaInfo.AudioStream(codec, channels, 48_000)), 0, 0);

    TranscodePlan plan = TranscodePlan.of(info);

    assertThat(plan.copyAudio()).isEqualTo(copy);
    assertThat(plan.downmix()).isEqualTo(downmix);
  }

  @Test
  void reencoding_isVeryfastH264_8bit420_scaledToFit1080p_withAacAndFastStart() {
    List<String> command = new TranscodePlan(false, true, false, true)
        .command(Path.of("/usr/bin/ffmpeg"), Path.of("/in/a.mkv"), Path.of("/work/out.mp4"));

    assertThat(String.join(" ", command)).isEqualTo("/usr/bin/ffmpeg -hide_banner -nostdin -loglevel error -nostats"
        + " -progress pipe:1 -protocol_whitelist file -format_whitelist " + InputArgs.DEMUXERS + " -i file:/in/a.mkv"
        + " -map 0:v:0 -map 0:a:0? -sn -dn -c:v libx264 -preset veryfast -crf 22 -pix_fmt yuv420p"
        + " -vf yadif=deint=interlaced,scale=w='min(iw,if(gte(iw,ih),1920,1080))':h='min(ih,if(gte(iw,ih),1080,1920))'"
        + ":force_original_aspect_ratio=decrease:force_divisible_by=2"
        + " -c:a aac -b:a 160k -ac 2 -max_muxing_queue_size 1024 -movflags +faststart -f mp4 -y /work/out.mp4");
  }

  @Test
  void encodingAll_keepsTheAudioChoices_butCopiesNothing() {
    TranscodePlan plan = new TranscodePlan(true, true, true, false);

    assertThat(plan.copiesAnything()).isTrue();
    assertThat(plan.encodingAll()).isEqualTo(new TranscodePlan(false, true, false, false));
    assertThat(plan.encodingAll().copiesAnything()).isFalse();
  }

  @Test
  void copying_neitherEncodesNorScales_andSilentVideosGetNoAudioOptions() {
    List<String> command = new TranscodePlan(true, false, false, false)
        .command(Path.of("ffmpeg"), Path.of("/in/a.mkv"), Path.of("/work/out.mp4"));

    assertThat(command).containsSequence("-c:v", "copy").doesNotContain("libx264", "-vf", "-c:a");
  }
}
