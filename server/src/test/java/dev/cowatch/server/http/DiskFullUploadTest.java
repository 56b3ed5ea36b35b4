package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.TestServer;
import dev.cowatch.server.faults.SmallDisk;
import dev.cowatch.server.platform.jdbc.DatabaseConfig;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fault: the disk under the data directory fills up in the middle of a tus PATCH, or after the last
 * byte, while the finished upload is stored into the media store. The data directory is a 4 MiB
 * tmpfs, mostly taken by a filler file; the database is elsewhere.
 */
class DiskFullUploadTest {
  private static final int LENGTH = 1_500_000;

  @Test
  void diskFullMidUpload_is507_keepsFileAndOffsetInAgreement_andTheUploadResumesOnceThereIsRoom() throws Exception {
    byte[] data = new byte[LENGTH];
    new Random(19).nextBytes(data);
    try (SmallDisk disk = SmallDisk.mount(4)) {
      Path filler = disk.dir().resolve("filler");
      try (TestServer ts = new TestServer(disk.dir(), DatabaseConfig.embedded(TestDatabases.temporaryDirectory()));
          Api api = new Api(ts); Tus tus = new Tus(ts)) {
        Files.write(filler, new byte[(int) (Files.getFileStore(disk.dir()).getUsableSpace() - 700_000)]);
        Api.Who ann = api.guest("Ann");
        String id = tus.created(ann.token(), data, "film.bin", true);

        Tus.Reply full = tus.patch(ann.token(), id, 0, data, 0, data.length);
        assertThat(full.status()).as(full.response().body()).isEqualTo(507);
        assertThat(full.header("Content-Type")).startsWith("application/problem+json");
        assertThat(full.problemType()).isEqualTo("insufficient-storage");
        assertThat(full.response().body()).doesNotContain("Exception");

        Tus.Reply head = tus.head(ann.token(), id);
        assertThat(head.status()).isEqualTo(200);
        long kept = head.offset();
        assertThat(kept).isLessThan(LENGTH);
        assertThat(Files.size(ts.dataDir().resolve("uploads/" + id + ".part"))).as("file and offset agree")
            .isEqualTo(kept);
        assertThat(api.call("GET", "/api/health", null, null).status()).as("the server keeps running").isEqualTo(200);

        Files.delete(filler);
        Tus.Reply rest = tus.patch(ann.token(), id, kept, data, (int) kept, data.length);
        assertThat(rest.status()).as(rest.response().body()).isEqualTo(204);
        assertThat(rest.offset()).isEqualTo(LENGTH);
        assertThat(api.call("GET", "/api/media/" + id, null, ann.token()).json().get("sha256").asText())
            .as("the resumed upload is the whole file, byte for byte").isEqualTo(Tus.sha256(data));
      }
    }
  }

  @Test
  void diskFullWhileTheFinishedUploadIsStored_failsTheItemWithAClearReason_andKeepsNothingOfIt() throws Exception {
    byte[] data = new byte[LENGTH];
    new Random(23).nextBytes(data);
    try (SmallDisk disk = SmallDisk.mount(4)) {
      Path filler = disk.dir().resolve("filler");
      try (TestServer ts = new TestServer(disk.dir(), DatabaseConfig.embedded(TestDatabases.temporaryDirectory()));
          Api api = new Api(ts); Tus tus = new Tus(ts)) {
        // Room for the staged upload, not for its copy in the media store.
        Files.write(filler, new byte[(int) (Files.getFileStore(disk.dir()).getUsableSpace() - LENGTH - 400_000)]);
        Api.Who ann = api.guest("Ann");
        String id = tus.created(ann.token(), data, "film.bin", true);

        Tus.Reply last = tus.patch(ann.token(), id, 0, data, 0, data.length);
        assertThat(last.status()).as("every byte arrived: " + last.response().body()).isEqualTo(204);

        dev.cowatch.server.Timings.within(java.time.Duration.ofSeconds(20)).until(() ->
            "failed".equalsIgnoreCase(api.call("GET", "/api/media/" + id, null, ann.token()).json().path("status").asText()));
        var item = api.call("GET", "/api/media/" + id, null, ann.token()).json();
        assertThat(item.path("failureMessage").asText(item.toString())).contains("ran out of storage");
        try (var left = Files.walk(disk.dir())) {
          assertThat(left.filter(Files::isRegularFile).filter(p -> !p.equals(filler))
              .filter(p -> p.toString().contains(id) || p.getFileName().toString().endsWith(".part")).toList())
              .as("nothing half-written kept: no staged file, no stored copy, no temporary part").isEmpty();
        }
        assertThat(api.call("GET", "/api/health", null, null).status()).as("the server keeps running").isEqualTo(200);

        Files.delete(filler);
        String again = tus.created(ann.token(), data, "film.bin", true);
        assertThat(tus.patch(ann.token(), again, 0, data, 0, data.length).status()).isEqualTo(204);
        dev.cowatch.server.Timings.within(java.time.Duration.ofSeconds(20)).until(() -> !"processing".equalsIgnoreCase(
            api.call("GET", "/api/media/" + again, null, ann.token()).json().path("status").asText()));
        assertThat(api.call("GET", "/api/media/" + again, null, ann.token()).json().path("failureMessage").asText())
            .as("once there is room, the same file is stored").doesNotContain("storage");
      }
    }
  }
}
