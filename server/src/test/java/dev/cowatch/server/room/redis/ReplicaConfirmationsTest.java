package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which replicas a decision waits for, as Redis's {@code INFO replication} names them. */
class ReplicaConfirmationsTest {
  private static final String HEADER = "# Replication\r\nrole:master\r\n";

  @Test
  void aPrimaryWithoutReplicas_waitsForNone() {
    assertThat(ReplicaConfirmations.healthyReplicas(HEADER + "connected_slaves:0\r\nmaster_repl_offset:0\r\n")).isZero();
  }

  @Test
  void replicasOnlineAndHeardFromWithinTwoSeconds_areWaitedFor_othersNot() {
    String info = HEADER + "connected_slaves:4\r\n"
        + "slave0:ip=127.0.0.1,port=26380,state=online,offset=9120,lag=0\r\n"
        + "slave1:ip=127.0.0.1,port=26381,state=online,offset=9120,lag=2\r\n"
        + "slave2:ip=127.0.0.1,port=26382,state=online,offset=8000,lag=3\r\n"
        + "slave3:ip=127.0.0.1,port=26383,state=wait_bgsave,offset=0,lag=0\r\n"
        + "master_failover_state:no-failover\r\n";
    assertThat(ReplicaConfirmations.healthyReplicas(info)).isEqualTo(2);
  }

  @Test
  void aReplicasOwnAnswer_waitsForNothing() {
    String info = "# Replication\r\nrole:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:26379\r\n"
        + "master_link_status:up\r\nconnected_slaves:0\r\n";
    assertThat(ReplicaConfirmations.healthyReplicas(info)).isZero();
  }
}
