package io.bosun.agent.network;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Hands out pod addresses from a loopback range. Linux routes all of 127.0.0.0/8 to the loopback
 * interface, so every address of the range can be bound at once without configuring anything, and
 * two pods can both listen on port 8080, each on its own address.
 */
public final class PodAddresses {
  private final String cidr;
  private final long first;
  private final long last;
  private final Map<String, Long> byPod = new HashMap<>();
  private final TreeMap<Long, String> byAddress = new TreeMap<>();

  /**
   * Addresses from {@code cidr}, without its network and broadcast addresses.
   *
   * @throws IllegalArgumentException if it is not an IPv4 range inside 127.0.0.0/8 with at least
   *     two usable addresses
   */
  public PodAddresses(String cidr) {
    this.cidr = Objects.requireNonNull(cidr, "cidr");
    String[] parts = cidr.split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("pod network must be a CIDR range: " + cidr);
    }
    int prefix;
    long base;
    try {
      prefix = Integer.parseInt(parts[1]);
      base = parse(parts[0]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("pod network must be a CIDR range: " + cidr, e);
    }
    if (prefix < 8 || prefix > 30 || (base >>> 24) != 127) {
      throw new IllegalArgumentException(
          "pod network must be a range of 127.0.0.0/8 with a prefix of 8 to 30: " + cidr);
    }
    long size = 1L << (32 - prefix);
    long network = base & ~(size - 1);
    this.first = network + 1;
    this.last = network + size - 2;
  }

  /** The range, as given. */
  public String cidr() {
    return cidr;
  }

  /**
   * The address of pod {@code uid}: the one it has, else the lowest free one.
   *
   * @throws IllegalStateException if every address is taken
   */
  public synchronized String allocate(String uid) {
    Long held = byPod.get(uid);
    if (held != null) {
      return format(held);
    }
    for (long address = first; address <= last; address++) {
      if (!byAddress.containsKey(address)) {
        byPod.put(uid, address);
        byAddress.put(address, uid);
        return format(address);
      }
    }
    throw new IllegalStateException("no free pod address left in " + cidr);
  }

  /**
   * Records that pod {@code uid} has {@code address}, as a checkpoint says.
   *
   * @return false if the address is outside the range or another pod has it
   */
  public synchronized boolean reserve(String uid, String address) {
    long value;
    try {
      value = parse(address);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String holder = byAddress.get(value);
    if (value < first || value > last || (holder != null && !holder.equals(uid))) {
      return false;
    }
    release(uid);
    byPod.put(uid, value);
    byAddress.put(value, uid);
    return true;
  }

  /** Frees the address of pod {@code uid}, if it has one. */
  public synchronized void release(String uid) {
    Long address = byPod.remove(uid);
    if (address != null) {
      byAddress.remove(address);
    }
  }

  private static long parse(String address) {
    String[] octets = address.split("\\.");
    if (octets.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + address);
    }
    long value = 0;
    for (String octet : octets) {
      int n = Integer.parseInt(octet);
      if (n < 0 || n > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + address);
      }
      value = (value << 8) | n;
    }
    return value;
  }

  private static String format(long address) {
    return ((address >>> 24) & 255)
        + "."
        + ((address >>> 16) & 255)
        + "."
        + ((address >>> 8) & 255)
        + "."
        + (address & 255);
  }
}
