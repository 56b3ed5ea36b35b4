package dev.cowatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.Tolerances;
import dev.cowatch.server.account.AccountConfig;
import dev.cowatch.server.media.MediaConfig;
import dev.cowatch.server.ops.OpsConfig;
import dev.cowatch.server.platform.Limits;
import dev.cowatch.server.platform.http.TrustedProxies;
import dev.cowatch.server.platform.jdbc.DatabaseConfig;
import dev.cowatch.server.room.live.ClusterConfig;
import dev.cowatch.server.rtc.IceConfig;
import dev.cowatch.server.showing.ShowingConfig;
import dev.cowatch.server.syncplay.SyncplayConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The builder's defaults are the server's defaults; a part left out is refused, not guessed. */
class ServerConfigTest {
  private static final Path DATA = Path.of("data");

  @Test
  void aBuilderWithNothingSet_hasEveryDefault() {
    ServerConfig c = ServerConfig.builder("0.0.0.0", 8080, DATA).build();

    assertThat(c).isEqualTo(new ServerConfig("0.0.0.0", 8080, DATA, DatabaseConfig.embedded(DATA), Tolerances.DEFAULTS,
        Limits.DEFAULTS, AccountConfig.defaults(), MediaConfig.local(), ShowingConfig.defaults(), OpsConfig.defaults(),
        ClusterConfig.single(), SyncplayConfig.off(), IceConfig.none(), TrustedProxies.none()));
  }

  @Test
  void ephemeral_isLoopbackOnAnyPort_withLoopbackLimitsLifted_andCheapHashing() {
    ServerConfig c = ServerConfig.ephemeral(DATA).build();

    assertThat(c).isEqualTo(ServerConfig.builder("127.0.0.1", 0, DATA)
        .limits(Limits.DEFAULTS.withPerAddress(ServerConfig.LOOPBACK_CROWD, ServerConfig.LOOPBACK_CROWD))
        .accounts(AccountConfig.fastForTests()).build());
  }

  @Test
  void aChange_startsFromWhatTheBuilderHas() {
    ServerConfig c = ServerConfig.ephemeral(DATA).media(m -> m.withQuotaBytes(10_000)).build();

    assertThat(c.media()).isEqualTo(MediaConfig.local().withQuotaBytes(10_000));
    assertThat(c.accounts()).isEqualTo(AccountConfig.fastForTests());
  }

  @Test
  void aMissingPart_isRefusedByName() {
    assertThatThrownBy(() -> ServerConfig.ephemeral(DATA).ice(null).build())
        .isInstanceOf(NullPointerException.class).hasMessage("ice");
  }
}
