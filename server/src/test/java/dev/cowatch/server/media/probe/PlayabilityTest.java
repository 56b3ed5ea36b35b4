package dev.cowatch.server.media.probe;

import static dev.cowatch.server.media.probe.Playability.Verdict.NEEDS_TRANSCODE;
import static dev.cowatch.server.media.probe.Playability.Verdict.PLAYABLE;
import static dev.cowatch.server.media.probe.Playability.Verdict.REJECTED;
import static dev.cowatch.server.media.probe.Playability.Verdict.UNCHECKED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlayabilityTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      h264-aac.mp4          | PLAYABLE        | video/mp4  | Browsers play this video as it is.
      vp8-opus.webm         | PLAYABLE        | video/webm | Browsers play this video as it is.
      hevc-ac3.mkv          | NEEDS_TRANSCODE |            | HEVC (H.265) video with AC-3 audio in Matroska (MKV) does not play in every browser: it will be converted to H.264/AAC MP4.
      h264-aac.mkv          | NEEDS_TRANSCODE |            | H.264 video with AAC audio in Matroska (MKV) does not play in every browser: it will be converted to H.264/AAC MP4.
      mpeg2-mp2.mpg         | NEEDS_TRANSCODE |            | MPEG-2 video with MP2 audio in MPEG-PS does not play in every browser: it will be converted to H.264/AAC MP4.
      xvid-mp3.avi          | NEEDS_TRANSCODE |            | MPEG-4 Part 2 (XviD/DivX) video with MP3 audio in AVI does not play in every browser: it will be converted to H.264/AAC MP4.
      h264-10bit-silent.mp4 | NEEDS_TRANSCODE |            | H.264 in yuv420p10le (High 10) does not play in browsers: it will be converted to H.264/AAC MP4.
      audio-with-cover.mp3  | REJECTED        |            | This is an audio file (MP3) with no picture: Cowatch plays videos.
      still.png             | REJECTED        |            | This is a still image (PNG), not a video.
      """)
  void recordedFiles(String file, Playability.Verdict verdict, String contentType, String message) {
    assertThat(Playability.assess(Recorded.info(file)))
        .isEqualTo(new Playability(verdict, message, Optional.ofNullable(contentType)));
  }

  /** container, duration, video codec/pixel format/size (or "-" for none), audio codec (or "-"). */
  @ParameterizedTest(name = "{0} {2}/{5} {1}ms -> {6}")
  @CsvSource(delimiter = '|', textBlock = """
      mov,mp4,m4a,3gp,3g2,mj2 | 60000 | h264       | yuvj420p    | 1920 | aac    | PLAYABLE
      mov,mp4,m4a,3gp,3g2,mj2 | 60000 | h264       | yuv420p     | 1920 | mp3    | PLAYABLE
      mov,mp4,m4a,3gp,3g2,mj2 | 60000 | av1        | yuv420p10le | 3840 | opus   | PLAYABLE
      mov,mp4,m4a,3gp,3g2,mj2 | 60000 | vp9        | yuv420p     | 1280 | -      | PLAYABLE
      mov,mp4,m4a,3gp,3g2,mj2 | 60000 | hevc       | yuv420p     | 1920 | aac    | NEEDS_TRANSCODE
      mov,mp4,m4a,3gp,3g2,mj2 | 60000 | h264       | yuv444p     | 1920 | aac    | NEEDS_TRANSCODE
      mov,mp4,m4a,3gp,3g2,mj2 | 60000 | h264       | yuv420p     | 1920 | ac3    | NEEDS_TRANSCODE
      mov,mp4,m4a,3gp,3g2,mj2 | 60000 | h264       | yuv420p     | 1920 | vorbis | NEEDS_TRANSCODE
      mov,mp4,m4a,3gp,3g2,mj2 | 60000 | prores     | yuv422p10le | 1920 | pcm_s16le | NEEDS_TRANSCODE
      matroska,webm           | 60000 | vp9        | yuv420p     | 1920 | vorbis | PLAYABLE
      matroska,webm           | 60000 | av1        | yuv420p     | 1920 | -      | PLAYABLE
      matroska,webm           | 60000 | vp9        | yuv420p     | 1920 | aac    | NEEDS_TRANSCODE
      matroska,webm           | 60000 | h264       | yuv420p     | 1920 | opus   | NEEDS_TRANSCODE
      matroska,webm           | 60000 | h264       | yuv420p     | 1920 | ac3    | NEEDS_TRANSCODE
      mpegts                  | 60000 | h264       | yuv420p     | 1920 | aac    | NEEDS_TRANSCODE
      asf                     | 60000 | wmv3       | yuv420p     | 640  | wmav2  | NEEDS_TRANSCODE
      gif                     | 2000  | gif        | bgra        | 320  | -      | NEEDS_TRANSCODE
      avi                     | 60000 | mjpeg      | yuvj422p    | 640  | pcm_u8 | NEEDS_TRANSCODE
      gif                     | 0     | gif        | bgra        | 320  | -      | REJECTED
      image2                  | 40    | mjpeg      | yuvj420p    | 640  | -      | REJECTED
      jpeg_pipe               | 0     | mjpeg      | yuvj420p    | 640  | -      | REJECTED
      mov,mp4,m4a,3gp,3g2,mj2 | 0     | h264       | yuv420p     | 1920 | aac    | REJECTED
      matroska,webm           | 0     | vp9        | yuv420p     | 1920 | opus   | REJECTED
      mov,mp4,m4a,3gp,3g2,mj2 | 60000 | -          | -           | 0    | aac    | REJECTED
      ogg                     | 60000 | -          | -           | 0    | vorbis | REJECTED
      avi                     | 60000 | h264       | yuv420p     | 0    | mp3    | REJECTED
      """)
  void decisions(String container, long durationMs, String videoCodec, String pixelFormat, int width,
      String audioCodec, Playability.Verdict expected) {
    var video = videoCodec.equals("-") ? Optional.<MediaInfo.VideoStream>empty()
        : Optional.of(new MediaInfo.VideoStream(videoCodec, "", width, width * 9 / 16, pixelFormat, 25));
    var audio = audioCodec.equals("-") ? Optional.<MediaInfo.AudioStream>empty()
        : Optional.of(new MediaInfo.AudioStream(audioCodec, 2, 48_000));

    assertThat(Playability.assess(new MediaInfo(container, durationMs, video, audio, 1_000_000, 1_000_000)).verdict())
        .isEqualTo(expected);
  }

  @Test
  void zeroDuration_saysSo() {
    MediaInfo info = Recorded.info("h264-aac.mp4");
    MediaInfo empty = new MediaInfo(info.container(), 0, info.video(), info.audio(), 0, info.sizeBytes());

    assertThat(Playability.assess(empty).message())
        .isEqualTo("The video has no length: it is empty or its length cannot be read.");
  }

  @Test
  void unreadableFiles_areRejectedWithTheProbesReason() {
    assertThat(Playability.assess(new ProbeResult.Unreadable("Invalid data found when processing input")))
        .isEqualTo(new Playability(REJECTED,
            "This file cannot be read as a video: Invalid data found when processing input.", Optional.empty()));
  }

  @Test
  void uncheckedFiles_stayUnchecked_withTheReason() {
    assertThat(Playability.assess(new ProbeResult.Unchecked("ffprobe is not installed")))
        .isEqualTo(new Playability(UNCHECKED, "ffprobe is not installed", Optional.empty()));
  }

  @Test
  void probedFiles_areAssessedByTheirInfo() {
    assertThat(Playability.assess(new ProbeResult.Probed(Recorded.info("vp8-opus.webm"))).verdict()).isEqualTo(PLAYABLE);
    assertThat(Playability.assess(new ProbeResult.Probed(Recorded.info("hevc-ac3.mkv"))).verdict())
        .isEqualTo(NEEDS_TRANSCODE);
  }
}
