package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.media.MediaKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fault: ffmpeg dies by SIGKILL in the middle of a conversion (the OOM killer, an operator). The
 * ffmpeg the server runs is a script that answers {@code -version} with the real one, and when asked
 * to convert writes part of the output and kills itself with signal 9.
 */
class FfmpegKilledTest {
  private static final String KILLED_MIDWAY = """
      #!/bin/sh
      case " $* " in *" -version "*) exec ffmpeg "$@";; esac
      for out; do :; done
      printf 'half a converted video' > "$out"
      kill -9 $$
      """;

  @Test
  void ffmpegKilledMidConversion_failsTheItemWithTheReason_andLeavesNoFilesBehind() throws Exception {
    Path dir = TestServer.tempDir();
    Path fake = dir.resolve("ffmpeg-killed");
    Files.writeString(fake, KILLED_MIDWAY);
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    try (TestServer ts = new TestServer(dir.resolve("data"),
            c -> c.media(m -> m.withTools(m.tools().withFfmpeg(fake))), Clock.systemUTC());
        Api api = new Api(ts); Tus tus = new Tus(ts)) {
      Api.Who ann = api.guest("Ann");
      JsonNode item = UploadPipelineTest.uploaded(api, tus, ann, UploadPipelineTest.MEDIA.resolve("xvid-mp3.avi"));
      String id = item.get("id").asText();

      assertThat(item.get("status").asText()).as(item.toString()).isEqualTo("failed");
      assertThat(item.get("failureMessage").asText()).startsWith("The video could not be converted");
      assertThat(ts.server().media().library().store().list(MediaKeys.itemPrefix(id))).as("a failed item keeps no bytes").isEmpty();
      assertThat(ts.dataDir().resolve("uploads/" + id + ".part")).doesNotExist();
      try (Stream<Path> work = Files.walk(ts.dataDir().resolve("uploads"))) {
        assertThat(work.filter(Files::isRegularFile).toList()).as("no partial conversion left").isEmpty();
      }
      assertThat(api.call("GET", "/api/media/limits", null, ann.token()).json().get("usedBytes").asLong()).isZero();
    }
  }
}
