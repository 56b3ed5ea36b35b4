package dev.cowatch.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.cli.CommandLines;
import dev.cowatch.server.http.Api;
import dev.cowatch.server.media.MediaItem;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cowatch backup DIR} on the embedded store while the server runs and keeps writing, then a
 * restore: a new server started on DIR finds the account (signs in), the rooms created before the backup
 * (and no room it was never told of), the media item's bytes, and an intact audit log.
 */
class BackupRestoreTest {
  private static final byte[] CLIP = new byte[300_000];

  @TempDir
  Path dir;

  @Test
  void anOnlineBackup_restoresIntoAFreshDataDir_withEverythingWrittenBeforeIt() throws Exception {
    new Random(27).nextBytes(CLIP);
    Path live = dir.resolve("live");
    Path backup = dir.resolve("backup");
    List<String> before = new CopyOnWriteArrayList<>();
    List<String> during = new CopyOnWriteArrayList<>();
    String mediaId;
    UserId owner;
    int acknowledgedBeforeTheBackup;
    try (TestServer ts = new TestServer(live, dev.cowatch.core.Tolerances.DEFAULTS,
        dev.cowatch.server.platform.Limits.DEFAULTS); Api api = new Api(ts)) {
      Api.Reply reg = api.call("POST", "/api/auth/register", "{\"email\":\"keeper@example.test\",\"password\":"
          + "\"correct horse battery\",\"displayName\":\"Keeper\"}", null);
      String token = reg.json().get("accessToken").asText();
      owner = new UserId(reg.json().get("user").get("id").asText());
      for (int i = 0; i < 20; i++) before.add(room(api, token, "before " + i));
      MediaItem item = ts.server().media().library().importFile(owner, "Clip", "clip.mp4", "video/mp4",
          new ByteArrayInputStream(CLIP), CLIP.length);
      mediaId = item.id();

      // The server keeps writing while the backup is taken.
      AtomicBoolean writing = new AtomicBoolean(true);
      Thread writer = Thread.ofVirtual().start(() -> {
        // At most 150: one account owns at most 200 rooms (RoomManagement.MAX_ROOMS_PER_OWNER).
        for (int i = 0; writing.get() && i < 150; i++) during.add(room(api, token, "during " + i));
      });
      while (during.size() < 5) Thread.sleep(10);
      acknowledgedBeforeTheBackup = during.size();
      CommandLines.Run run = CommandLines.run("backup", backup.toString(), "--data-dir", live.toString());
      writing.set(false);
      writer.join();
      assertThat(run.err()).isEmpty();
      assertThat(run.out()).startsWith("backup: " + backup.toAbsolutePath() + ": database ")
          .contains("signing secret", "media 1 files");
      assertThat(run.exitCode()).isZero();
    }

    try (TestServer restored = new TestServer(backup, dev.cowatch.core.Tolerances.DEFAULTS,
        dev.cowatch.server.platform.Limits.DEFAULTS); Api api = new Api(restored)) {
      Api.Reply signIn = api.call("POST", "/api/auth/login", "{\"email\":\"keeper@example.test\",\"password\":"
          + "\"correct horse battery\"}", null);
      assertThat(signIn.status()).as("the account, its password and the signing secret came back").isEqualTo(200);
      for (String id : before) assertThat(restored.server().rooms().service().find(new RoomId(id))).as(id).isPresent();
      for (String id : during.subList(0, acknowledgedBeforeTheBackup)) {
        assertThat(restored.server().rooms().service().find(new RoomId(id))).as("acknowledged before the backup: " + id)
            .isPresent();
      }
      long kept = during.stream().filter(id -> restored.server().rooms().service().find(new RoomId(id)).isPresent()).count();
      assertThat(kept).as("rooms made while copying: some or all, each whole").isBetween(0L, (long) during.size());
      System.out.println("backup-restore: rooms_before=" + before.size() + " made_while_copying=" + during.size()
          + " of_those_in_the_copy=" + kept);

      String url = restored.server().media().library().issueUrl(owner, mediaId).path();
      HttpResponse<byte[]> clip = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(restored.baseUri().resolve(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(clip.statusCode()).isEqualTo(200);
      assertThat(clip.body()).isEqualTo(CLIP);
    }
    CommandLines.Run verify = CommandLines.run("audit", "verify", "--data-dir", backup.toString());
    assertThat(verify.out()).startsWith("audit: ok rows=");
  }

  @Test
  void aBackup_refusesADirectoryThatIsNotEmpty_andSaysWhenThereIsNoDatabase() throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("full"));
    java.nio.file.Files.writeString(dir.resolve("full/keep.txt"), "mine");
    java.nio.file.Files.createDirectories(dir.resolve("data"));
    CommandLines.Run none = CommandLines.run("backup", dir.resolve("copy").toString(), "--data-dir",
        dir.resolve("data").toString());
    assertThat(none.err()).startsWith("backup: failed: no database in ");
    assertThat(none.exitCode()).isEqualTo(1);
    new TestServer(dir.resolve("data"), dev.cowatch.core.Tolerances.DEFAULTS, dev.cowatch.server.platform.Limits.DEFAULTS)
        .close();
    CommandLines.Run full = CommandLines.run("backup", dir.resolve("full").toString(), "--data-dir",
        dir.resolve("data").toString());
    assertThat(full.err()).contains("is not empty");
    assertThat(full.exitCode()).isEqualTo(1);
    assertThat(java.nio.file.Files.readString(dir.resolve("full/keep.txt"))).isEqualTo("mine");
  }

  private static String room(Api api, String token, String name) {
    Api.Reply r = api.call("POST", "/api/rooms", "{\"name\":\"" + name + "\"}", token);
    if (r.status() != 201) throw new AssertionError("room: " + r);
    return r.json().get("id").asText();
  }
}
