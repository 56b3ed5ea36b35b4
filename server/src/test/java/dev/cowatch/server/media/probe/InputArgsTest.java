package dev.cowatch.server.media.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InputArgsTest {
  private final Path upload = Path.of("/var/lib/cowatch/uploads/tmp-123.part");

  @Test
  void theInput_isAPlainFileUrl_behindBothWhitelists() {
    assertThat(InputArgs.input(upload)).containsExactly("-protocol_whitelist", "file", "-format_whitelist",
        InputArgs.DEMUXERS, "-i", "file:/var/lib/cowatch/uploads/tmp-123.part");
  }

  @Test
  void formatsThatOpenOtherInputs_areNotWhitelisted() {
    assertThat(InputArgs.DEMUXERS.split(",")).contains("mov", "matroska", "avi", "mpeg", "mpegts")
        .doesNotContain("hls", "applehttp", "dash", "concat", "ffconcat", "tee", "lavfi", "subfile", "data");
  }

  @Test
  void reason_isTheLastStderrLine_withoutTheServersPath() {
    String stderr = "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55f0] moov atom not found\n"
        + "file:/var/lib/cowatch/uploads/tmp-123.part: Invalid data found when processing input\n";

    assertThat(InputArgs.reason(stderr, upload)).isEqualTo("Invalid data found when processing input");
  }

  @Test
  void reason_namesARefusedFormat() {
    String stderr = "[hls @ 0x560cf7bf1280] Format not on whitelist 'mov,matroska'\n"
        + "file:/var/lib/cowatch/uploads/tmp-123.part: Invalid argument\n";

    assertThat(InputArgs.reason(stderr, upload)).isEqualTo("its format (hls) is not one Cowatch accepts");
  }

  @Test
  void reason_withNothingOnStderr() {
    assertThat(InputArgs.reason("  \n", upload)).isEqualTo("no reason given");
  }

  @Test
  void reason_hidesThePathAnywhereInTheLine() {
    assertThat(InputArgs.reason("Error opening /var/lib/cowatch/uploads/tmp-123.part for reading", upload))
        .isEqualTo("Error opening the file for reading");
  }
}
