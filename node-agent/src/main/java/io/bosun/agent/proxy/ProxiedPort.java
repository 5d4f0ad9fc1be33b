package io.bosun.agent.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One TCP port of a Service as the proxy serves it: its endpoints, and the addresses it listens on
 * (ClusterIP:port, and the node's address:nodePort for NodePort and LoadBalancer Services).
 *
 * @param name the Service port's name, {@code ""} for a single unnamed port
 * @param clusterIp the Service's ClusterIP
 * @param port the Service port
 * @param nodePort the node port, 0 for none
 */
record ProxiedPort(String name, String clusterIp, int port, int nodePort) {

  /** The live state of a port: its endpoints and its listening addresses. */
  static final class Live {
    final ProxiedPort spec;
    final Backends backends;
    final List<Frontend> frontends = new ArrayList<>();

    Live(ProxiedPort spec, Backends backends) {
      this.spec = Objects.requireNonNull(spec);
      this.backends = backends;
    }

    void sync() {
      frontends.forEach(Frontend::sync);
    }

    void close() {
      frontends.forEach(Frontend::close);
    }

    boolean failed() {
      return frontends.stream().anyMatch(Frontend::failed);
    }

    /** Whether some endpoint of this port is at {@code ip}. */
    boolean reaches(String ip) {
      return backends.all().stream().anyMatch(backend -> backend.ip().equals(ip));
    }
  }
}
