package dev.cowatch.server.media.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real ffmpeg on the 1 s test files, and stand-ins that hang, to show cancellation and timeouts. */
class FfmpegTranscoderTest {
  @TempDir Path work;
  private final FfprobeProbe probe = new FfprobeProbe(Tools.ffprobe(), FfprobeProbe.DEFAULT_TIMEOUT);
  private final FfmpegTranscoder transcoder = new FfmpegTranscoder(Tools.ffmpeg(), MediaToolsConfig.DEFAULTS);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"hevc-ac3.mkv", "mpeg2-mp2.mpg", "h264-aac.mkv", "xvid-mp3.avi", "h264-10bit-silent.mp4"})
  void videosBrowsersCannotPlay_comeOutPlayable_withProgressRisingToOne(String file) throws Exception {
    MediaInfo input = Recorded.info(file);
    assertThat(Playability.assess(input).verdict()).isEqualTo(Playability.Verdict.NEEDS_TRANSCODE);
    List<Double> progress = new CopyOnWriteArrayList<>();

    Path output = transcoder.transcode(Recorded.media(file), input, work, progress::add);

    assertThat(output.getParent()).isEqualTo(work);
    MediaInfo converted = ((ProbeResult.Probed) probe.probe(output)).info();
    assertThat(Playability.assess(converted)).isEqualTo(new Playability(Playability.Verdict.PLAYABLE,
        "Browsers play this video as it is.", Optional.of(Playability.MP4)));
    assertThat(converted.video().orElseThrow().codec()).isEqualTo("h264");
    assertThat(converted.audio().isPresent()).isEqualTo(input.audio().isPresent());
    assertThat(converted.durationMs()).isBetween(input.durationMs() - 300, input.durationMs() + 300);
    assertThat(progress).isNotEmpty().isSorted().allSatisfy(f -> assertThat(f).isBetween(0.0, 1.0));
    assertThat(progress.getLast()).isEqualTo(1.0);
    assertThat(progress.subList(0, progress.size() - 1)).doesNotContain(1.0);
  }

  @Test
  void largerThan1080p_isScaledDownToFit_keepingItsShape() throws Exception {
    Path big = Tools.generate(work, "big.mkv", "testsrc2=size=2400x1200:rate=2:duration=1",
        List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error"));
    MediaInfo input = ((ProbeResult.Probed) probe.probe(big)).info();

    Path output = transcoder.transcode(big, input, work, f -> {});

    MediaInfo.VideoStream video = ((ProbeResult.Probed) probe.probe(output)).info().video().orElseThrow();
    assertThat(video.width()).isEqualTo(1920);
    assertThat(video.height()).isEqualTo(960);
  }

  @Test
  void whenCopyingFails_everythingIsReencoded() throws Exception {
    Path picky = Tools.script(work, "ffmpeg",
        "if [[ \" $* \" == *' copy '* ]]; then echo 'copy refused' >&2; exit 1; fi; exec " + Tools.ffmpeg() + " \"$@\"");
    List<Double> progress = new CopyOnWriteArrayList<>();

    Path output = new FfmpegTranscoder(picky, MediaToolsConfig.DEFAULTS)
        .transcode(Recorded.media("h264-aac.mkv"), Recorded.info("h264-aac.mkv"), work, progress::add);

    assertThat(Playability.assess(probe.probe(output)).verdict()).isEqualTo(Playability.Verdict.PLAYABLE);
    assertThat(progress).isSorted().last().isEqualTo(1.0);
  }

  @Test
  void interlacedVideo_isDeinterlaced() throws Exception {
    Path interlaced = Tools.generate(work, "tv.mpg", "testsrc2=size=320x240:rate=10:duration=1",
        List.of("-c:v", "mpeg2video", "-flags", "+ilme+ildct", "-top", "1"));
    assertThat(fieldOrder(interlaced)).isEqualTo("tt");
    MediaInfo input = ((ProbeResult.Probed) probe.probe(interlaced)).info();

    Path output = transcoder.transcode(interlaced, input, work, f -> {});

    // Without the deinterlacer x264 leaves the field order unset ("") and the combing in the picture.
    assertThat(fieldOrder(output)).isEqualTo("progressive");
  }

  private static String fieldOrder(Path video) throws Exception {
    ProcessRunner.Outcome outcome = ProcessRunner.capture(List.of(Tools.ffprobe().toString(), "-v", "error",
        "-select_streams", "v:0", "-show_entries", "stream=field_order", "-of", "csv=p=0", video.toString()),
        Duration.ofSeconds(20), 1024);
    return new String(outcome.stdout(), StandardCharsets.UTF_8).strip().replace(",", "");
  }

  @Test
  void aFileFfmpegCannotRead_failsWithAMessage_andLeavesNothingBehind() throws Exception {
    Path text = Files.copy(Recorded.media("text-renamed.mp4"), work.resolve("upload.mkv"));

    assertThatThrownBy(() -> transcoder.transcode(text, Recorded.info("hevc-ac3.mkv"), work, f -> {}))
        .isInstanceOf(MediaToolException.class)
        .hasMessage("The video could not be converted: Invalid data found when processing input.");
    assertThat(filesIn(work)).containsExactly(text);
  }

  @Test
  void interruptingTheCaller_killsFfmpeg_andDeletesThePartialOutput() throws Exception {
    Path pidFile = work.resolve("pid");
    Path slow = Tools.script(work, "ffmpeg", "echo $$ > " + pidFile + "; echo out_time_us=500000; exec sleep 30");
    Path input = Files.copy(Recorded.media("hevc-ac3.mkv"), work.resolve("in.mkv"));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    List<Double> progress = new CopyOnWriteArrayList<>();
    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        new FfmpegTranscoder(slow, MediaToolsConfig.DEFAULTS).transcode(input, Recorded.info("hevc-ac3.mkv"), work,
            progress::add);
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> !progress.isEmpty() && Files.size(pidFile) > 0);
    long pid = Long.parseLong(Files.readString(pidFile).strip());

    caller.interrupt();
    caller.join(Duration.ofSeconds(10));

    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(progress).doesNotContain(1.0);
    await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    assertThat(filesIn(work)).containsExactlyInAnyOrder(slow, pidFile, input);
  }

  @Test
  void aConversionPastItsTimeout_isStopped_andLeavesNothingBehind() throws Exception {
    Path hanging = Tools.script(work, "ffmpeg", "exec sleep 30");
    MediaToolsConfig quick = new MediaToolsConfig(Optional.empty(), Optional.empty(), Duration.ofSeconds(1),
        Duration.ofSeconds(1), Duration.ofMillis(300), 0.1);

    assertThatThrownBy(() -> new FfmpegTranscoder(hanging, quick)
        .transcode(Recorded.media("hevc-ac3.mkv"), Recorded.info("hevc-ac3.mkv"), work, f -> {}))
        .isInstanceOf(MediaToolException.class)
        .hasMessage("Converting the video took longer than 300 ms, so it was stopped.");
    assertThat(filesIn(work)).containsExactly(hanging);
  }

  @Test
  void anAudioFile_isNotConverted() {
    assertThatThrownBy(() -> transcoder.transcode(Recorded.media("audio-with-cover.mp3"),
        Recorded.info("audio-with-cover.mp3"), work, f -> {}))
        .isInstanceOf(MediaToolException.class).hasMessage("There is no video to convert.");
  }

  private static List<Path> filesIn(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
