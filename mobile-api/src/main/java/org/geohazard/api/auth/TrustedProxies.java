package org.geohazard.api.auth;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The reverse proxies allowed to name the client of a request. The client is the direct peer unless that peer is a
 * trusted proxy; then it is the right-most address of {@code Forwarded} ({@code for=}) or, without that header,
 * {@code X-Forwarded-For} that is not itself a trusted proxy. Anybody else's forwarded headers are ignored: they are
 * written by the client. Addresses are parsed as literals only (never looked up).
 */
public final class TrustedProxies {
  private static final TrustedProxies NONE = new TrustedProxies(List.of());
  private static final int MAX_HOPS = 32;

  private final List<Cidr> ranges;

  private TrustedProxies(List<Cidr> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  public static TrustedProxies none() {
    return NONE;
  }

  /** From a comma-separated list of addresses or CIDR ranges ({@code 10.0.0.0/8, ::1}); a clear message if bad. */
  public static TrustedProxies parse(String list) {
    List<Cidr> ranges = new ArrayList<>();
    for (String item : list == null ? new String[0] : list.split(",")) {
      if (!item.isBlank()) {
        ranges.add(Cidr.parse(item.strip()));
      }
    }
    return ranges.isEmpty() ? NONE : new TrustedProxies(ranges);
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** Whether an address belongs to a trusted proxy. */
  public boolean trusts(InetAddress address) {
    return address != null && ranges.stream().anyMatch(range -> range.contains(address));
  }

  /** The client address of a request; null when the peer's address is unknown (a Unix socket). */
  public InetAddress client(HttpServerRequest request) {
    InetAddress peer = literal(peer(request));
    return trusts(peer)
        ? client(peer, hops(request.headers().getAll("Forwarded"), request.headers().getAll("X-Forwarded-For")))
        : peer;
  }

  /** The client behind a peer, given the addresses its forwarded headers name (nearest last). */
  InetAddress client(InetAddress peer, List<String> hops) {
    InetAddress client = peer;
    if (!trusts(client)) {
      return client;
    }
    for (int i = hops.size() - 1; i >= 0 && i >= hops.size() - MAX_HOPS; i--) {
      InetAddress hop = literal(hops.get(i));
      if (hop == null) {
        return client;  // an obfuscated or malformed hop: the last proxy we trust is as far as we can see
      }
      client = hop;
      if (!trusts(hop)) {
        return hop;
      }
    }
    return client;
  }

  /**
   * The key sign-in failures are counted under: the IPv4 address, or the /64 network of an IPv6 address (one
   * household or device usually gets a whole /64, so single IPv6 addresses would give an attacker endless budgets).
   */
  public static String budgetKey(InetAddress address) {
    if (address == null) {
      return "unknown";
    }
    if (address instanceof Inet6Address) {
      byte[] network = Arrays.copyOf(address.getAddress(), 16);
      Arrays.fill(network, 8, 16, (byte) 0);
      try {
        return InetAddress.getByAddress(network).getHostAddress() + "/64";
      } catch (UnknownHostException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
    return address.getHostAddress();
  }

  private static String peer(HttpServerRequest request) {
    SocketAddress peer = request.connection().remoteAddress();
    return peer == null ? null : peer.hostAddress();
  }

  /**
   * The addresses the proxies recorded, nearest last: from {@code Forwarded} when present, else from
   * {@code X-Forwarded-For} (several header lines count as one list, in order).
   */
  static List<String> hops(List<String> forwarded, List<String> xForwardedFor) {
    if (!forwarded.isEmpty()) {
      return forwardedFor(String.join(",", forwarded));
    }
    return xForwardedFor.isEmpty() ? List.of()
        : Arrays.stream(String.join(",", xForwardedFor).split(",")).map(String::strip).toList();
  }

  private static List<String> forwardedFor(String header) {
    List<String> hops = new ArrayList<>();
    for (String element : header.split(",")) {
      String found = "";
      for (String pair : element.split(";")) {
        String[] kv = pair.strip().split("=", 2);
        if (kv.length == 2 && kv[0].strip().toLowerCase(Locale.ROOT).equals("for")) {
          found = kv[1].strip();
        }
      }
      hops.add(found);
    }
    return hops;
  }

  /** An IP literal as it appears in a header ({@code "[2001:db8::1]:4711"}, {@code 192.0.2.1:80}); else null. */
  static InetAddress literal(String text) {
    if (text == null) {
      return null;
    }
    String value = text.strip();
    if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      value = end < 0 ? "" : value.substring(1, end);
    } else if (value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') > 0) {
      value = value.substring(0, value.indexOf(':'));  // IPv4 with a port
    }
    int zone = value.indexOf('%');
    if (zone >= 0) {
      value = value.substring(0, zone);
    }
    return unmapped(NetUtil.createInetAddressFromIpAddressString(value));
  }

  /** An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) as the IPv4 address it is. */
  private static InetAddress unmapped(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] b = address.getAddress();
      boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
      for (int i = 0; i < 10 && mapped; i++) {
        mapped = b[i] == 0;
      }
      if (mapped) {
        try {
          return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
        } catch (UnknownHostException impossible) {
          throw new IllegalStateException(impossible);
        }
      }
    }
    return address;
  }

  /** One address range. */
  record Cidr(byte[] network, int bits) {
    static Cidr parse(String text) {
      String[] parts = text.split("/", 2);
      InetAddress address = unmapped(NetUtil.createInetAddressFromIpAddressString(parts[0].strip()));
      if (address == null) {
        throw new IllegalArgumentException("api.trusted-proxies: '" + text + "' is not an IP address or CIDR range");
      }
      int max = address instanceof Inet4Address ? 32 : 128;
      int bits;
      try {
        bits = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : max;
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > max) {
        throw new IllegalArgumentException("api.trusted-proxies: '" + text + "' has a prefix length outside 0-" + max);
      }
      return new Cidr(address.getAddress(), bits);
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
