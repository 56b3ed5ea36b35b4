package dev.cowatch.bench.syncplay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lines as syncplay-server 1.6.9 writes and reads them (taken from a real exchange). */
class SyncplayMessagesTest {
  static final String PERIODIC = "{\"State\": {\"ping\": {\"latencyCalculation\": 1795259087.2001548, \"serverRtt\": 0},"
      + " \"playstate\": {\"position\": 0, \"paused\": true, \"doSeek\": false, \"setBy\": \"alice\"}}}";
  static final String RELAYED = "{\"State\": {\"ping\": {\"latencyCalculation\": 1795259088.904631, \"serverRtt\": 0},"
      + " \"playstate\": {\"position\": 5.000012636184692, \"paused\": false, \"doSeek\": null, \"setBy\": \"alice\"},"
      + " \"ignoringOnTheFly\": {\"server\": 1}}}";
  static final String CONFIRMED = "{\"State\": {\"ping\": {\"latencyCalculation\": 1795259088.9045675, \"serverRtt\": 0,"
      + " \"clientLatencyCalculation\": 1795259088.9042134}, \"playstate\": {\"position\": 5.000012636184692,"
      + " \"paused\": false, \"doSeek\": null, \"setBy\": \"alice\"}, \"ignoringOnTheFly\": {\"server\": 1, \"client\": 1}}}";

  static ServerState state(String line) {
    return ServerState.from(Json.object(Json.object(Json.parse(line)).get("State")));
  }

  static Map<String, Object> field(Object message, String name) {
    return Json.object(Json.object(message).get(name));
  }

  @Test
  void hello_carriesWhatTheServerRequires_andTheFeaturesOfA169Client() {
    Object hello = Json.parse(SyncplayMessages.hello("ann", "fanout-1"));
    Map<String, Object> h = field(hello, "Hello");
    assertThat(h).containsEntry("username", "ann").containsEntry("version", "1.2.255")
        .containsEntry("realversion", "1.6.9").containsEntry("room", Map.of("name", "fanout-1"))
        .doesNotContainKey("password");
    assertThat(Json.object(h.get("features"))).containsEntry("sharedPlaylists", true).containsEntry("readiness", true);
  }

  @Test
  void state_leavesOutWhatIsAbsent_asSyncplaysClientDoes() {
    Map<String, Object> bare = field(Json.parse(SyncplayMessages.state(null, null, 12.5, 0.001, 0, 0)), "State");
    assertThat(bare).containsOnlyKeys("ping");
    assertThat(Json.object(bare.get("ping"))).containsOnly(Map.entry("clientLatencyCalculation", 12.5),
        Map.entry("clientRtt", 0.001));

    Map<String, Object> full = field(Json.parse(SyncplayMessages.state(new SyncplayMessages.Local(70, true, true),
        1795259088.904631, 1795259089.5, 0.002, 3, 1)), "State");
    assertThat(Json.object(full.get("playstate"))).containsOnly(Map.entry("position", 70.0), Map.entry("paused", true),
        Map.entry("doSeek", true));
    assertThat(Json.object(full.get("ping"))).containsEntry("latencyCalculation", 1795259088.904631);
    assertThat(Json.object(full.get("ignoringOnTheFly"))).containsOnly(Map.entry("server", 3.0), Map.entry("client", 1.0));
  }

  @Test
  void serverState_readsPlaystatePingAndIgnoringCounts() {
    ServerState periodic = state(PERIODIC);
    assertThat(periodic.playstate()).isEqualTo(new PlayState(0, true, false, "alice"));
    assertThat(periodic.latencyCalculation()).isEqualTo(1795259087.2001548);
    assertThat(periodic.clientLatencyCalculation()).isNull();
    assertThat(periodic.ignoringServer()).isNull();
    assertThat(periodic.ignoringClient()).isNull();

    ServerState confirmed = state(CONFIRMED);
    assertThat(confirmed.playstate()).isEqualTo(new PlayState(5.000012636184692, false, null, "alice"));
    assertThat(confirmed.playstate().seek()).isFalse();
    assertThat(confirmed.clientLatencyCalculation()).isEqualTo(1795259088.9042134);
    assertThat(confirmed.ignoringServer()).isEqualTo(1);
    assertThat(confirmed.ignoringClient()).isEqualTo(1);
  }

  @Test
  void serverState_inAFreshRoom_hasNoSetter() {
    ServerState fresh = state("{\"State\": {\"ping\": {\"latencyCalculation\": 1.5, \"serverRtt\": 0}, \"playstate\":"
        + " {\"position\": 0, \"paused\": true, \"doSeek\": false, \"setBy\": null}}}");
    assertThat(fresh.playstate().setBy()).isNull();
  }

  @Test
  void command_isTheFirstKey_foundWithoutParsing() {
    assertThat(command(PERIODIC)).isEqualTo("State");
    assertThat(command("{\"Set\": {\"ready\": {\"username\": \"bob\", \"isReady\": null}}}")).isEqualTo("Set");
    assertThat(command(" { \"Hello\": {}}")).isEqualTo("Hello");
    assertThat(command("[1]")).isNull();
    assertThat(command("")).isNull();
    assertThat(command("{\"unterminated")).isNull();
  }

  private static String command(String line) {
    byte[] b = ("xx" + line).getBytes(StandardCharsets.UTF_8);
    return SyncplayMessages.command(b, 2, b.length - 2);
  }
}
