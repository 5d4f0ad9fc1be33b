package io.bosun.agent.sync.internal;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Service environment variables the kubelet gives every container: {@code <NAME>_SERVICE_HOST},
 * {@code <NAME>_SERVICE_PORT[_<PORT>]} and the Docker link variables ({@code <NAME>_PORT}, {@code
 * <NAME>_PORT_<port>_<PROTO>[_PROTO|_PORT|_ADDR]}), for the apiserver's own Service ({@code
 * default/kubernetes}) always and for the Services of the pod's namespace when it enables service
 * links.
 */
final class ServiceEnvironment {
  private ServiceEnvironment() {}

  static Map<String, String> of(Optional<Service> master, List<Service> inNamespace) {
    Map<String, Service> byName = new LinkedHashMap<>();
    master.ifPresent(s -> byName.put(s.getMetadata().getName(), s));
    for (Service service : inNamespace) {
      byName.putIfAbsent(service.getMetadata().getName(), service);
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (Service service : byName.values()) {
      add(env, service);
    }
    return env;
  }

  private static void add(Map<String, String> env, Service service) {
    var spec = service.getSpec();
    String ip = spec == null ? null : spec.getClusterIP();
    if (ip == null || ip.isEmpty() || ip.equals("None") || spec.getPorts().isEmpty()) {
      return;
    }
    String prefix = variableName(service.getMetadata().getName());
    env.put(prefix + "_SERVICE_HOST", ip);
    List<ServicePort> ports = spec.getPorts();
    env.put(prefix + "_SERVICE_PORT", Integer.toString(ports.get(0).getPort()));
    for (ServicePort port : ports) {
      if (port.getName() != null && !port.getName().isEmpty()) {
        env.put(
            prefix + "_SERVICE_PORT_" + variableName(port.getName()),
            Integer.toString(port.getPort()));
      }
    }
    for (int i = 0; i < ports.size(); i++) {
      ServicePort port = ports.get(i);
      String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
      String lower = protocol.toLowerCase(Locale.ROOT);
      String hostPort = (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port.getPort();
      if (i == 0) {
        env.put(prefix + "_PORT", lower + "://" + hostPort);
      }
      String portPrefix =
          prefix + "_PORT_" + port.getPort() + "_" + protocol.toUpperCase(Locale.ROOT);
      env.put(portPrefix, lower + "://" + hostPort);
      env.put(portPrefix + "_PROTO", lower);
      env.put(portPrefix + "_PORT", Integer.toString(port.getPort()));
      env.put(portPrefix + "_ADDR", ip);
    }
  }

  private static String variableName(String name) {
    return name.replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
