package dev.cowatch.server.media.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The adapter running the real ffprobe, and stand-ins for an ffprobe that hangs, floods or is missing. */
class FfprobeProbeTest {
  @TempDir Path dir;
  private final FfprobeProbe probe = new FfprobeProbe(Tools.ffprobe(), FfprobeProbe.DEFAULT_TIMEOUT);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h264-aac.mp4", "vp8-opus.webm", "hevc-ac3.mkv", "audio-with-cover.mp3", "still.png"})
  void realFiles_probeAsRecorded(String file) throws Exception {
    assertThat(probe.probe(Recorded.media(file))).isEqualTo(new ProbeResult.Probed(Recorded.info(file)));
  }

  @Test
  void aFileWithAnUnusualName_isReadAsAFile() throws Exception {
    Path odd = Files.copy(Recorded.media("h264-aac.mp4"), dir.resolve("-i http:x|y.mp4"));

    assertThat(probe.probe(odd)).isInstanceOf(ProbeResult.Probed.class);
  }

  @Test
  void aTextFileNamedMp4_isUnreadable_withFfprobesReason_andNoServerPath() throws Exception {
    Path text = Files.copy(Recorded.media("text-renamed.mp4"), dir.resolve("upload.mp4"));

    assertThat(probe.probe(text))
        .isEqualTo(new ProbeResult.Unreadable("Invalid data found when processing input"));
  }

  @Test
  void anHlsPlaylistPointingAtAnotherFile_isRefusedBeforeItIsFollowed() throws Exception {
    Path secret = Files.copy(Recorded.media("h264-aac.mp4"), dir.resolve("secret.mp4"));
    Path playlist = Files.writeString(dir.resolve("upload.mp4"),
        "#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:1.0,\nfile:" + secret + "\n#EXT-X-ENDLIST\n");

    assertThat(probe.probe(playlist))
        .isEqualTo(new ProbeResult.Unreadable("its format (hls) is not one Cowatch accepts"));
  }

  @Test
  void aMissingFile_isUnreadable() throws Exception {
    assertThat(probe.probe(dir.resolve("gone.mp4"))).isEqualTo(new ProbeResult.Unreadable("the file is missing"));
  }

  @Test
  void anFfprobeThatHangs_isKilledAtTheTimeout() throws Exception {
    Path hanging = Tools.script(dir, "ffprobe", "exec sleep 30");
    long start = System.nanoTime();

    ProbeResult result = new FfprobeProbe(hanging, Duration.ofMillis(300)).probe(Recorded.media("h264-aac.mp4"));

    assertThat(result).isEqualTo(new ProbeResult.Unreadable("ffprobe could not read it within 300 ms"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void anAnswerPastTheOutputLimit_isUnreadable() throws Exception {
    Path flooding = Tools.script(dir, "ffprobe", "head -c 5000 /dev/zero");

    ProbeResult result = new FfprobeProbe(flooding, Duration.ofSeconds(10), 1000).probe(Recorded.media("h264-aac.mp4"));

    assertThat(result).isEqualTo(new ProbeResult.Unreadable("it describes far more streams than a video has"));
  }

  @Test
  void anFfprobeThatCannotStart_leavesTheFileUnchecked() throws Exception {
    ProbeResult result = new FfprobeProbe(dir.resolve("no-such-ffprobe"), Duration.ofSeconds(5))
        .probe(Recorded.media("h264-aac.mp4"));

    assertThat(result).isInstanceOfSatisfying(ProbeResult.Unchecked.class,
        u -> assertThat(u.reason()).startsWith("ffprobe could not be started").endsWith("the file was not checked"));
  }
}
