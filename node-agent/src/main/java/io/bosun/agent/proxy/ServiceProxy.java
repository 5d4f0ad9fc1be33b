package io.bosun.agent.proxy;

import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.Registration;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bosun's kube-proxy, in user space: follows Services and EndpointSlices and, for every Service of
 * type ClusterIP, NodePort or LoadBalancer with a ClusterIP, listens on ClusterIP:port for each TCP
 * port (and on the node's address:nodePort) while the port has ready endpoints, forwarding each
 * connection to one of them. Headless and ExternalName Services get nothing, as in Kubernetes (DNS
 * answers for them). Everything runs on one Vert.x event loop: no thread per connection.
 *
 * <pre>{@code
 * ServiceProxy proxy = ServiceProxy.start(vertx, services, slices, "127.0.0.1");
 * ...
 * proxy.close();
 * }</pre>
 */
public final class ServiceProxy implements AutoCloseable {
  /** The label that names the Service of an EndpointSlice. */
  static final String SERVICE_NAME = "kubernetes.io/service-name";

  /** Kubernetes' default ClientIP affinity timeout: 10800 s (3 hours). */
  static final int DEFAULT_AFFINITY_SECONDS = 10800;

  /** How often addresses that could not be bound are tried again. Defaults to 5 s. */
  static final Duration RETRY = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final Context context;
  private final NetClient client;
  private final Informer<Service> services;
  private final Informer<EndpointSlice> slices;
  private final String nodeIp;
  private final Clock clock;
  private final Map<String, Map<String, ProxiedPort.Live>> proxied = new HashMap<>();
  private final Set<String> dirty = new LinkedHashSet<>();
  private final List<Registration> registrations = new ArrayList<>();

  /** Addresses of this node's pods being drained (see {@link #draining}); on the event loop. */
  private final Set<String> draining = new HashSet<>();

  private long retryTimer;
  private boolean closed;

  private ServiceProxy(
      Vertx vertx,
      Informer<Service> services,
      Informer<EndpointSlice> slices,
      String nodeIp,
      Clock clock) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(2000));
    this.services = services;
    this.slices = slices;
    this.nodeIp = nodeIp;
    this.clock = clock;
  }

  /**
   * Starts proxying the Services {@code services} shows, to the endpoints {@code slices} shows,
   * with node ports on {@code nodeIp}.
   */
  public static ServiceProxy start(
      Vertx vertx, Informer<Service> services, Informer<EndpointSlice> slices, String nodeIp) {
    ServiceProxy proxy =
        new ServiceProxy(
            Objects.requireNonNull(vertx, "vertx"),
            Objects.requireNonNull(services, "services"),
            Objects.requireNonNull(slices, "slices"),
            Objects.requireNonNull(nodeIp, "nodeIp"),
            Clock.systemUTC());
    proxy.registrations.add(
        services.addHandler(EventHandler.onChange((service, origin) -> proxy.changed(service))));
    proxy.registrations.add(
        slices.addHandler(EventHandler.onChange((slice, origin) -> proxy.sliceChanged(slice))));
    proxy.context.runOnContext(
        ignored -> proxy.retryTimer = vertx.setPeriodic(RETRY.toMillis(), id -> proxy.retry()));
    return proxy;
  }

  private void changed(Service service) {
    mark(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName());
  }

  private void sliceChanged(EndpointSlice slice) {
    Map<String, String> labels = slice.getMetadata().getLabels();
    if (labels != null && labels.get(SERVICE_NAME) != null) {
      mark(slice.getMetadata().getNamespace() + "/" + labels.get(SERVICE_NAME));
    }
  }

  /** Syncs a Service on the proxy's event loop; changes that come together cost one sync. */
  private void mark(String key) {
    synchronized (dirty) {
      if (!dirty.add(key) || dirty.size() > 1) {
        return;
      }
    }
    context.runOnContext(ignored -> drain());
  }

  private void drain() {
    List<String> keys;
    synchronized (dirty) {
      keys = new ArrayList<>(dirty);
      dirty.clear();
    }
    keys.forEach(this::sync);
  }

  private void retry() {
    proxied.entrySet().stream()
        .filter(e -> e.getValue().values().stream().anyMatch(ProxiedPort.Live::failed))
        .map(Map.Entry::getKey)
        .toList()
        .forEach(this::sync);
  }

  /** Makes the listeners and endpoints of one Service what its objects say. */
  private void sync(String key) {
    int slash = key.indexOf('/');
    String namespace = key.substring(0, slash);
    String name = key.substring(slash + 1);
    Service service = closed ? null : services.get(namespace, name).orElse(null);
    Map<String, ProxiedPort> wanted = service == null ? Map.of() : ports(service);
    Map<String, ProxiedPort.Live> live = proxied.computeIfAbsent(key, k -> new HashMap<>());
    for (String port : new HashSet<>(live.keySet())) {
      if (!live.get(port).spec.equals(wanted.get(port))) {
        live.remove(port).close();
      }
    }
    if (wanted.isEmpty()) {
      proxied.remove(key);
      return;
    }
    List<EndpointSlice> serviceSlices =
        slices.byIndex(Informer.NAMESPACE_INDEX, namespace).stream()
            .filter(s -> s.getMetadata().getLabels() != null)
            .filter(s -> name.equals(s.getMetadata().getLabels().get(SERVICE_NAME)))
            .toList();
    Duration affinity = affinity(service);
    for (ProxiedPort spec : wanted.values()) {
      ProxiedPort.Live port =
          live.computeIfAbsent(spec.name(), n -> open(key, spec, new Backends(clock)));
      port.backends.update(SliceBackends.of(serviceSlices, spec.name(), draining), affinity);
      port.sync();
    }
  }

  /**
   * A pod of this node at {@code podIP} is about to stop: new connections go to the Services' other
   * endpoints, ahead of the EndpointSlices that will say so. Completes once in force.
   */
  public CompletionStage<Void> draining(String podIP) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(
        ignored -> {
          if (draining.add(podIP)) {
            proxied.entrySet().stream()
                .filter(e -> e.getValue().values().stream().anyMatch(p -> p.reaches(podIP)))
                .map(Map.Entry::getKey)
                .toList()
                .forEach(this::sync);
          }
          done.complete(null);
        });
    return done;
  }

  /** The pod at {@code podIP} is gone; its address may go to another pod. */
  public void gone(String podIP) {
    context.runOnContext(ignored -> draining.remove(podIP));
  }

  private ProxiedPort.Live open(String key, ProxiedPort spec, Backends backends) {
    ProxiedPort.Live port = new ProxiedPort.Live(spec, backends);
    String what = "service " + key + " port " + (spec.name().isEmpty() ? spec.port() : spec.name());
    port.frontends.add(new Frontend(vertx, client, what, spec.clusterIp(), spec.port(), backends));
    if (spec.nodePort() > 0) {
      port.frontends.add(new Frontend(vertx, client, what, nodeIp, spec.nodePort(), backends));
    }
    return port;
  }

  /** The TCP ports the proxy serves for {@code service}, by name; none for headless and others. */
  static Map<String, ProxiedPort> ports(Service service) {
    ServiceSpec spec = service.getSpec();
    if (spec == null || !proxied(spec)) {
      return Map.of();
    }
    boolean nodePorts = "NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType());
    Map<String, ProxiedPort> ports = new HashMap<>();
    for (ServicePort port : spec.getPorts() == null ? List.<ServicePort>of() : spec.getPorts()) {
      String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
      if (!"TCP".equals(protocol) || port.getPort() == null) {
        continue;
      }
      String name = port.getName() == null ? "" : port.getName();
      int nodePort = nodePorts && port.getNodePort() != null ? port.getNodePort() : 0;
      ports.put(name, new ProxiedPort(name, spec.getClusterIP(), port.getPort(), nodePort));
    }
    return ports;
  }

  private static boolean proxied(ServiceSpec spec) {
    String type = spec.getType() == null ? "ClusterIP" : spec.getType();
    String clusterIp = spec.getClusterIP();
    return ("ClusterIP".equals(type) || "NodePort".equals(type) || "LoadBalancer".equals(type))
        && clusterIp != null
        && !clusterIp.isEmpty()
        && !"None".equals(clusterIp);
  }

  /** The ClientIP affinity timeout, or null without affinity. */
  private static Duration affinity(Service service) {
    ServiceSpec spec = service.getSpec();
    if (!"ClientIP".equals(spec.getSessionAffinity())) {
      return null;
    }
    Integer seconds =
        spec.getSessionAffinityConfig() == null
                || spec.getSessionAffinityConfig().getClientIP() == null
            ? null
            : spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds();
    return Duration.ofSeconds(seconds == null ? DEFAULT_AFFINITY_SECONDS : seconds);
  }

  /** Stops listening everywhere and forgets every Service. */
  @Override
  public void close() {
    registrations.forEach(Registration::remove);
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(
        ignored -> {
          closed = true;
          vertx.cancelTimer(retryTimer);
          new ArrayList<>(proxied.keySet()).forEach(this::sync);
          client.close();
          done.complete(null);
        });
    if (!Context.isOnEventLoopThread()) {
      try {
        done.get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // Closing is best effort: the listeners go with the process anyway.
      }
    }
  }
}
