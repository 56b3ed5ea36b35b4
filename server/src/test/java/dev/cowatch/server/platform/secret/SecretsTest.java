package dev.cowatch.server.platform.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
  private static final String B64 = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void derive_isStablePerPurpose_andDiffersAcrossPurposesAndSecrets() {
    Secrets s = Secrets.fromBase64(B64);
    byte[] invite = s.derive("room-invite");
    assertThat(invite).hasSize(32).isEqualTo(Secrets.fromBase64(B64).derive("room-invite"));
    assertThat(invite).isNotEqualTo(s.derive("access-token"));
    byte[] other = new byte[32];
    other[0] = 1;
    assertThat(Secrets.fromBase64(Base64.getEncoder().encodeToString(other)).derive("room-invite")).isNotEqualTo(invite);
  }

  @Test
  void configuredSecrets_mustBeBase64OfAtLeast32Bytes() {
    assertThatThrownBy(() -> Secrets.fromBase64(Base64.getEncoder().encodeToString(new byte[31])))
        .hasMessageContaining("at least 32 bytes");
    assertThatThrownBy(() -> Secrets.fromBase64("not base64 at all!")).hasMessageContaining("not valid base64");
    assertThat(Secrets.fromBase64(Base64.getUrlEncoder().encodeToString(new byte[48]))).isNotNull();
  }

  @Test
  void loadOrCreate_writesAnOwnerOnlyFileOnce_andReadsItBackAfterARestart(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("jwt-secret");

    Secrets first = Secrets.loadOrCreate(file, dev.cowatch.server.platform.Ids.secure()::bytes);
    Secrets again = Secrets.loadOrCreate(file, dev.cowatch.server.platform.Ids.secure()::bytes);

    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Base64.getDecoder().decode(Files.readString(file))).hasSize(32);
    assertThat(again.derive("x")).isEqualTo(first.derive("x"));
  }

  @Test
  void hmac_equalIsConstantTimeEquality() {
    assertThat(Hmac.equal(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
    assertThat(Hmac.equal(new byte[] {1, 2}, new byte[] {1, 3})).isFalse();
    assertThat(Secrets.fromBase64(B64).toString()).doesNotContain(B64);
  }
}
