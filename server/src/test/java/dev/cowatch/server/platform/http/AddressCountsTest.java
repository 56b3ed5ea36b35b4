package dev.cowatch.server.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressCountsTest {
  private static InetAddress ip(int last) throws Exception {
    return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
  }

  @Test
  void connectionsPastTheLimit_areRefused_perAddress() throws Exception {
    AddressCounts counts = new AddressCounts(2);

    assertThat(counts.opened(ip(1))).isTrue();
    assertThat(counts.opened(ip(1))).isTrue();
    assertThat(counts.opened(ip(1))).isFalse();
    assertThat(counts.opened(ip(2))).isTrue();
    assertThat(counts.openFrom(ip(1))).isEqualTo(3);
  }

  @Test
  void closingARefusedOrAcceptedConnection_freesItsPlace_andForgetsIdleAddresses() throws Exception {
    AddressCounts counts = new AddressCounts(1);
    counts.opened(ip(1));
    counts.opened(ip(1));

    counts.closed(ip(1));
    assertThat(counts.openFrom(ip(1))).isEqualTo(1);
    counts.closed(ip(1));

    assertThat(counts.addresses()).isZero();
    assertThat(counts.opened(ip(1))).isTrue();
  }
}
