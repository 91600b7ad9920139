package org.geohazard.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address a request comes from, behind zero, one or several proxies, and how failures are keyed. */
class TrustedProxiesTest {
  private static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/8, 2001:db8:ffff::/48");

  @Test
  void theNearestUntrustedHopIsTheClientAndWhatTheClientWroteBeforeItIsIgnored() throws Exception {
    List<String> hops = TrustedProxies.hops(List.of(), List.of("1.2.3.4, 198.51.100.7", "10.1.1.1"));
    assertEquals(ip("198.51.100.7"), PROXIES.client(ip("10.0.0.2"), hops));
  }

  @Test
  void anUntrustedPeerIsTheClientWhateverItsHeadersSay() throws Exception {
    List<String> hops = TrustedProxies.hops(List.of("for=192.0.2.1"), List.of("192.0.2.2"));
    assertEquals(ip("203.0.113.5"), PROXIES.client(ip("203.0.113.5"), hops));
    assertEquals(ip("10.0.0.2"), TrustedProxies.none().client(ip("10.0.0.2"), hops));
  }

  @Test
  void forwardedIsPreferredAndItsQuotedPortedIpv6FormIsRead() throws Exception {
    List<String> hops = TrustedProxies.hops(
        List.of("for=192.0.2.60;proto=http, for=\"[2001:db8:cafe::17]:4711\""), List.of("192.0.2.99"));
    assertEquals(ip("2001:db8:cafe::17"), PROXIES.client(ip("10.0.0.2"), hops));
  }

  @Test
  void anObfuscatedHopLeavesTheLastTrustedProxyAsTheClient() throws Exception {
    List<String> hops = TrustedProxies.hops(List.of("for=_hidden, for=10.2.2.2"), List.of());
    assertEquals(ip("10.2.2.2"), PROXIES.client(ip("10.0.0.2"), hops));
  }

  @Test
  void ipv6CountsByItsSlash64AndMappedIpv4AsIpv4() throws Exception {
    assertEquals("2001:db8:1:2:0:0:0:0/64", TrustedProxies.budgetKey(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
    assertEquals(TrustedProxies.budgetKey(ip("2001:db8:1:2::1")), TrustedProxies.budgetKey(ip("2001:db8:1:2::2")));
    assertEquals("192.0.2.1", TrustedProxies.budgetKey(TrustedProxies.literal("::ffff:192.0.2.1")));
    assertEquals("192.0.2.1", TrustedProxies.budgetKey(TrustedProxies.literal("192.0.2.1:8080")));
  }

  @Test
  void namesAndBadRangesAreRefusedAndNeverLookedUp() throws Exception {
    assertEquals(null, TrustedProxies.literal("proxy.example"));
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> TrustedProxies.parse("10.0.0.0/8, proxy.example"));
    assertTrue(error.getMessage().contains("proxy.example"), error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("2001:db8::/129"));
    assertTrue(PROXIES.trusts(ip("2001:db8:ffff:1::1")));
  }

  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }
}
