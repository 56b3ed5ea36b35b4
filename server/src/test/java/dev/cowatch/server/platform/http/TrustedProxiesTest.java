package dev.cowatch.server.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Who the client is: X-Forwarded-For believed only as far as trusted proxies wrote it. */
class TrustedProxiesTest {
  private static final TrustedProxies LOCAL_NGINX = TrustedProxies.parse("127.0.0.1, ::1");
  private static final TrustedProxies CHAIN = TrustedProxies.parse("10.0.0.0/8 fd00::/8");

  static Stream<Arguments> requests() {
    return Stream.of(
        // case, proxies, peer, X-Forwarded-For values (in order), the client
        Arguments.of("no proxy trusted: the header is anyone's", TrustedProxies.none(), "203.0.113.7",
            List.of("198.51.100.1"), "203.0.113.7"),
        Arguments.of("spoofed header from an untrusted peer is ignored", LOCAL_NGINX, "203.0.113.7",
            List.of("127.0.0.1"), "203.0.113.7"),
        Arguments.of("trusted peer without the header: the peer", LOCAL_NGINX, "127.0.0.1", List.of(), "127.0.0.1"),
        Arguments.of("nginx appends the real peer", LOCAL_NGINX, "127.0.0.1", List.of("203.0.113.7"),
            "203.0.113.7"),
        Arguments.of("what the client wrote lies left of what nginx appended", LOCAL_NGINX, "127.0.0.1",
            List.of("1.2.3.4, 203.0.113.7"), "203.0.113.7"),
        Arguments.of("chain of trusted proxies is skipped from the right", CHAIN, "10.0.0.2",
            List.of("6.6.6.6, 203.0.113.7, 10.1.0.1, 10.0.0.9"), "203.0.113.7"),
        Arguments.of("several header values read as one list", CHAIN, "10.0.0.2",
            List.of("6.6.6.6", "203.0.113.7", "10.0.0.9"), "203.0.113.7"),
        Arguments.of("IPv6 peer and client, canonical form", CHAIN, "[fd00::1]", List.of("2001:DB8::0:7"),
            "2001:db8:0:0:0:0:0:7"),
        Arguments.of("IPv6 loopback proxy, IPv4 client", LOCAL_NGINX, "0:0:0:0:0:0:0:1", List.of("203.0.113.7"),
            "203.0.113.7"),
        Arguments.of("malformed entry ends the walk at the last address read", CHAIN, "10.0.0.2",
            List.of("203.0.113.7, garbage, 10.0.0.9"), "10.0.0.9"),
        Arguments.of("a name is never resolved", LOCAL_NGINX, "127.0.0.1", List.of("localhost"), "127.0.0.1"),
        Arguments.of("a port is not an address", LOCAL_NGINX, "127.0.0.1", List.of("203.0.113.7:4444"),
            "127.0.0.1"),
        Arguments.of("an empty entry is malformed", LOCAL_NGINX, "127.0.0.1", List.of(" , "), "127.0.0.1"),
        Arguments.of("every hop trusted: the leftmost", CHAIN, "10.0.0.2", List.of("10.9.9.9, 10.0.0.9"), "10.9.9.9"),
        Arguments.of("an octet past 255 is not an address", LOCAL_NGINX, "127.0.0.1", List.of("203.0.113.256"),
            "127.0.0.1"),
        Arguments.of("a client padding the list gains nothing", CHAIN, "10.0.0.2",
            List.of(String.join(",", java.util.Collections.nCopies(100, "10.0.0.1")) + ",203.0.113.7"),
            "203.0.113.7"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void clientAddress(String name, TrustedProxies proxies, String peer, List<String> forwardedFor, String client) {
    assertThat(proxies.clientAddress(peer, forwardedFor)).isEqualTo(client);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/", "example.org", "10.0.0", "1.2.3.4/8x",
      "fe80::1%eth0"})
  void parse_refusesWhatIsNotABlock_namingIt(String entry) {
    assertThatThrownBy(() -> TrustedProxies.parse("127.0.0.1," + entry))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(entry);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", ","})
  void parse_blank_trustsNone(String list) {
    assertThat(TrustedProxies.parse(list).isEmpty()).isTrue();
  }

  @ParameterizedTest(name = "{0} holds {1}: {2}")
  @MethodSource("blocks")
  void cidr_containsExactlyItsBlock(String block, String address, boolean inside) {
    assertThat(Cidr.parse(block).contains(IpLiteral.parse(address).orElseThrow())).isEqualTo(inside);
  }

  static Stream<Arguments> blocks() {
    return Arrays.stream(new Object[][] {
        {"10.0.0.0/8", "10.255.1.2", true}, {"10.0.0.0/8", "11.0.0.0", false},
        {"192.168.1.128/25", "192.168.1.200", true}, {"192.168.1.128/25", "192.168.1.127", false},
        {"0.0.0.0/0", "203.0.113.7", true}, {"127.0.0.1", "127.0.0.2", false},
        {"fd00::/8", "fd12::1", true}, {"fd00::/8", "fe80::1", false}, {"::1", "::1", true},
        {"::/0", "127.0.0.1", false}, // families never mix
    }).map(Arguments::of);
  }
}
