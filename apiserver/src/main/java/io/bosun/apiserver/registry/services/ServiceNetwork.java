package io.bosun.apiserver.registry.services;

import io.bosun.core.api.Status;

/**
 * The address ranges Services draw from: an IPv4 CIDR for ClusterIPs (kube-apiserver's {@code
 * --service-cluster-ip-range}) and a port range for node ports ({@code --service-node-port-range}).
 *
 * @param cidr the ClusterIP range, such as {@code 10.96.0.0/12}
 * @param firstPort the lowest node port
 * @param lastPort the highest node port
 */
public record ServiceNetwork(String cidr, int firstPort, int lastPort) {

  /** Kubernetes' defaults: {@code 10.96.0.0/12} and ports 30000-32767. */
  public static final ServiceNetwork DEFAULTS = new ServiceNetwork("10.96.0.0/12", 30000, 32767);

  public ServiceNetwork {
    base(cidr);
    if (firstPort < 1 || lastPort > 65535 || firstPort > lastPort) {
      throw new IllegalArgumentException("invalid node port range " + firstPort + "-" + lastPort);
    }
  }

  /** Parses {@code 30000-32767}. */
  public static ServiceNetwork of(String cidr, String portRange) {
    String[] ports = portRange.split("-");
    if (ports.length != 2) {
      throw new IllegalArgumentException("invalid node port range " + portRange);
    }
    return new ServiceNetwork(
        cidr, Integer.parseInt(ports[0].trim()), Integer.parseInt(ports[1].trim()));
  }

  /** The number of usable ClusterIPs: all but the network and broadcast addresses. */
  long size() {
    return (1L << (32 - prefix())) - 2;
  }

  /** The usable address at {@code offset} (0 is the first after the network address). */
  String address(long offset) {
    long ip = (base(cidr) & 0xffffffffL) + 1 + offset;
    return ((ip >> 24) & 255)
        + "."
        + ((ip >> 16) & 255)
        + "."
        + ((ip >> 8) & 255)
        + "."
        + (ip & 255);
  }

  /** The first usable address, which Kubernetes gives the {@code kubernetes} Service. */
  public String firstAddress() {
    return address(0);
  }

  /** Returns whether {@code ip} is a usable address of the range. */
  boolean contains(String ip) {
    long value;
    try {
      value = parse(ip) & 0xffffffffL;
    } catch (IllegalArgumentException e) {
      return false;
    }
    long base = base(cidr) & 0xffffffffL;
    return value > base && value < base + size() + 1;
  }

  boolean containsPort(int port) {
    return port >= firstPort && port <= lastPort;
  }

  /** The message Kubernetes gives for an address outside the range. */
  String outOfRange(String ip) {
    return "failed to allocate IP "
        + ip
        + ": provided IP is not in the valid range. The range of valid IPs is "
        + cidr;
  }

  String portOutOfRange() {
    return "provided port is not in the valid range. The range of valid ports is "
        + firstPort
        + "-"
        + lastPort;
  }

  private int prefix() {
    return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
  }

  private static int base(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR: " + cidr);
    }
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    if (prefix < 8 || prefix > 30) {
      throw new IllegalArgumentException("service CIDR prefix must be /8 to /30: " + cidr);
    }
    int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
    return parse(cidr.substring(0, slash)) & mask;
  }

  /** Parses a dotted IPv4 address. */
  static int parse(String ip) {
    String[] parts = ip.split("\\.");
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + ip);
    }
    int value = 0;
    for (String part : parts) {
      int octet;
      try {
        octet = Integer.parseInt(part);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip, e);
      }
      if (octet < 0 || octet > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip);
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  static RuntimeException invalid(String name, String field, Object value, String why) {
    return Status.invalid(
            "",
            "Service",
            name,
            java.util.List.of(io.bosun.core.api.FieldError.invalid(field, value, why)))
        .asException();
  }
}
