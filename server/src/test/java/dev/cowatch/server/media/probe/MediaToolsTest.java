package dev.cowatch.server.media.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaToolsTest {
  @TempDir Path dir;

  @Test
  void withBothToolsOnThePath_everythingIsThere() throws Exception {
    MediaTools tools = MediaTools.detect(MediaToolsConfig.DEFAULTS);

    assertThat(tools.status().probing()).isTrue();
    assertThat(tools.status().converting()).isTrue();
    assertThat(tools.status().message()).matches("ffprobe \\S+ and ffmpeg \\S+ found: .*");
    assertThat(tools.transcoder()).isPresent();
    assertThat(tools.posters()).isPresent();
    assertThat(tools.probe().probe(Recorded.media("h264-aac.mp4"))).isInstanceOf(ProbeResult.Probed.class);
  }

  @Test
  void withNeitherTool_uploadsAreStoredUnchecked() throws Exception {
    MediaTools tools = MediaTools.detect(MediaToolsConfig.DEFAULTS, dir.toString());

    assertThat(tools.probe().probe(Recorded.media("text-renamed.mp4")))
        .isEqualTo(new ProbeResult.Unchecked(MediaTools.NO_FFPROBE));
    assertThat(tools.transcoder()).isEmpty();
    assertThat(tools.posters()).isEmpty();
    assertThat(tools.status()).isEqualTo(new MediaTools.Status(false, false,
        "ffprobe is not installed and ffmpeg is also not installed: uploads are stored without checks, conversion "
            + "or posters"));
  }

  @Test
  void withFfprobeOnly_filesAreCheckedButNotConverted() throws Exception {
    MediaTools tools = MediaTools.detect(MediaToolsConfig.DEFAULTS.withFfprobe(Tools.ffprobe()), dir.toString());

    assertThat(tools.probe().probe(Recorded.media("h264-aac.mp4"))).isInstanceOf(ProbeResult.Probed.class);
    assertThat(tools.transcoder()).isEmpty();
    assertThat(tools.status().probing()).isTrue();
    assertThat(tools.status().converting()).isFalse();
    assertThat(tools.status().message()).contains("but ffmpeg is not installed: videos that browsers cannot play");
  }

  @Test
  void withFfmpegOnly_nothingIsConverted_becauseConversionNeedsTheProbe() throws Exception {
    MediaTools tools = MediaTools.detect(MediaToolsConfig.DEFAULTS.withFfmpeg(Tools.ffmpeg()), dir.toString());

    assertThat(tools.transcoder()).isEmpty();
    assertThat(tools.status().converting()).isFalse();
    assertThat(tools.status().message()).startsWith(MediaTools.NO_FFPROBE);
  }

  @Test
  void configuredPaths_winOverThePath_andAreChecked() throws Exception {
    Path notExecutable = Files.writeString(dir.resolve("ffprobe"), "not a program");
    Path wrongProgram = Tools.script(dir, "ffmpeg", "echo 'hello'");

    MediaTools tools = MediaTools.detect(
        MediaToolsConfig.DEFAULTS.withFfprobe(notExecutable).withFfmpeg(wrongProgram), System.getenv("PATH"));

    assertThat(tools.status().probing()).isFalse();
    assertThat(tools.status().message())
        .contains("ffprobe at " + notExecutable + " is not an executable file")
        .contains("ffmpeg at " + wrongProgram + " does not run (not its -version answer)");
    assertThat(tools.probe().probe(Recorded.media("h264-aac.mp4"))).isInstanceOfSatisfying(ProbeResult.Unchecked.class,
        u -> assertThat(u.reason()).endsWith(": uploads are stored without checks"));
  }

  @Test
  void unavailable_answersEveryProbeWithTheReason() throws Exception {
    MediaTools tools = MediaTools.unavailable(MediaTools.NO_FFPROBE);

    assertThat(tools.probe().probe(dir.resolve("anything"))).isEqualTo(new ProbeResult.Unchecked(MediaTools.NO_FFPROBE));
    assertThat(Playability.assess(tools.probe().probe(dir.resolve("anything"))).verdict())
        .isEqualTo(Playability.Verdict.UNCHECKED);
    assertThat(tools.status()).isEqualTo(new MediaTools.Status(false, false, MediaTools.NO_FFPROBE));
  }

  @Test
  void onPath_skipsEmptyEntriesAndNonExecutables() throws Exception {
    Path a = Files.createDirectory(dir.resolve("a"));
    Path b = Files.createDirectory(dir.resolve("b"));
    Files.writeString(a.resolve("ffprobe"), "data");
    Path real = Tools.script(b, "ffprobe", "exit 0");

    assertThat(MediaTools.onPath("ffprobe", "::" + a + ":" + b)).contains(real);
    assertThat(MediaTools.onPath("ffprobe", "")).isEmpty();
  }
}
