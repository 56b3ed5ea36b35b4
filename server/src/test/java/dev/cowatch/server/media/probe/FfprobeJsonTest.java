package dev.cowatch.server.media.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The parser over ffprobe outputs recorded from the files generate.sh makes. */
class FfprobeJsonTest {

  static Stream<Arguments> recorded() {
    var h264 = Optional.of(new MediaInfo.VideoStream("h264", "Constrained Baseline", 160, 120, "yuv420p", 10));
    var aacMono = Optional.of(new MediaInfo.AudioStream("aac", 1, 48_000));
    return Stream.of(
        Arguments.of("h264-aac.mp4",
            new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 1000, h264, aacMono, 233_720, 29_215)),
        Arguments.of("vp8-opus.webm", new MediaInfo("matroska,webm", 1008,
            Optional.of(new MediaInfo.VideoStream("vp8", "0", 160, 120, "yuv420p", 10)),
            Optional.of(new MediaInfo.AudioStream("opus", 1, 48_000)), 142_142, 17_910)),
        Arguments.of("hevc-ac3.mkv", new MediaInfo("matroska,webm", 1024,
            Optional.of(new MediaInfo.VideoStream("hevc", "Main", 160, 120, "yuv420p", 10)),
            Optional.of(new MediaInfo.AudioStream("ac3", 1, 48_000)), 204_367, 26_159)),
        Arguments.of("mpeg2-mp2.mpg", new MediaInfo("mpeg", 1010,
            Optional.of(new MediaInfo.VideoStream("mpeg2video", "Main", 160, 120, "yuv420p", 10)),
            Optional.of(new MediaInfo.AudioStream("mp2", 1, 48_000)), 502_864, 63_488)),
        Arguments.of("xvid-mp3.avi", new MediaInfo("avi", 1100,
            Optional.of(new MediaInfo.VideoStream("mpeg4", "Simple Profile", 160, 120, "yuv420p", 10)),
            Optional.of(new MediaInfo.AudioStream("mp3", 1, 48_000)), 226_298, 31_116)),
        Arguments.of("h264-10bit-silent.mp4", new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 1000,
            Optional.of(new MediaInfo.VideoStream("h264", "High 10", 160, 120, "yuv420p10le", 10)),
            Optional.empty(), 192_208, 24_026)),
        // The JPEG cover is a video stream marked attached_pic: an MP3 with a cover is still audio only.
        Arguments.of("audio-with-cover.mp3", new MediaInfo("mp3", 1032, Optional.empty(),
            Optional.of(new MediaInfo.AudioStream("mp3", 1, 48_000)), 48_108, 6_206)),
        // A PNG has no duration and no bit rate; its "frame rate" is the image demuxer's default.
        Arguments.of("still.png", new MediaInfo("png_pipe", 0,
            Optional.of(new MediaInfo.VideoStream("png", "", 160, 120, "rgb24", 25)), Optional.empty(), 0, 2_355)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recorded")
  void recordedOutput_isReadAsMediaInfo(String file, MediaInfo expected) {
    assertThat(FfprobeJson.parse(Recorded.json(file))).isEqualTo(new ProbeResult.Probed(expected));
  }

  @Test
  void aTextFileRenamedMp4_leavesAnEmptyObject_andIsUnreadable() {
    assertThat(FfprobeJson.parse(Recorded.json("text-renamed.mp4")))
        .isInstanceOf(ProbeResult.Unreadable.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                                                   | ffprobe's answer was not JSON
      '[1, 2]'                                             | ffprobe's answer was not JSON
      '{"streams": ['                                      | ffprobe's answer was not JSON
      '{"streams": []}'                                    | not a media file (no container was recognised)
      '{"format": {"format_name": "mp3"}, "streams": []}'  | no audio or video stream in the file
      '{"format": {"format_name": "srt"}, "streams": [{"codec_type": "subtitle"}]}' | no audio or video stream in the file
      """)
  void answersWithoutStreams_areUnreadable(String json, String reason) {
    assertThat(FfprobeJson.parse(json)).isEqualTo(new ProbeResult.Unreadable(reason));
  }

  @Test
  void missingNumbers_becomeZero_andTheLongestStreamStandsInForAMissingDuration() {
    String json = """
        {"format": {"format_name": "h264", "duration": "N/A", "size": "oops"},
         "streams": [
           {"codec_type": "video", "codec_name": "h264", "avg_frame_rate": "0/0", "r_frame_rate": "30000/1001",
            "duration": "2.5"},
           {"codec_type": "audio", "codec_name": "aac", "sample_rate": "N/A", "duration": "-1"}]}
        """;

    MediaInfo info = ((ProbeResult.Probed) FfprobeJson.parse(json)).info();

    assertThat(info.durationMs()).isEqualTo(2_500);
    assertThat(info.sizeBytes()).isZero();
    assertThat(info.bitRate()).isZero();
    assertThat(info.video().orElseThrow()).isEqualTo(new MediaInfo.VideoStream("h264", "", 0, 0, "", 30_000 / 1001.0));
    assertThat(info.audio().orElseThrow()).isEqualTo(new MediaInfo.AudioStream("aac", 0, 0));
  }

  @Test
  void onlyTheFirstVideoAndAudioStreamCount() {
    String json = """
        {"format": {"format_name": "matroska,webm", "duration": "1"},
         "streams": [
           {"codec_type": "audio", "codec_name": "ac3", "channels": 6},
           {"codec_type": "video", "codec_name": "hevc", "width": 1920, "height": 1080},
           {"codec_type": "audio", "codec_name": "aac", "channels": 2},
           {"codec_type": "video", "codec_name": "h264", "width": 640, "height": 360}]}
        """;

    MediaInfo info = ((ProbeResult.Probed) FfprobeJson.parse(json)).info();

    assertThat(info.video().orElseThrow().codec()).isEqualTo("hevc");
    assertThat(info.audio().orElseThrow().codec()).isEqualTo("ac3");
    assertThat(info.audio().orElseThrow().channels()).isEqualTo(6);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"25/1, 25", "30000/1001, 29.97002997002997", "0/0, 0", "24, 24", "1/0, 0", "x/y, 0", "'', 0", "-5/1, 0"})
  void frameRates(String text, double expected) {
    assertThat(FfprobeJson.frameRate(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"1.000000, 1000", "0.0005, 1", "12.3456, 12346", "N/A, 0", "'', 0", "-3, 0", "NaN, 0", "Infinity, 0"})
  void durations(String text, long expectedMs) {
    assertThat(FfprobeJson.seconds(text)).isEqualTo(expectedMs);
  }
}
