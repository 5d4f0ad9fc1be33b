package io.bosun.agent.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.jboss.logging.Logger;

/**
 * One address a Service port is reached at (ClusterIP:port or node IP:nodePort), listening only
 * while the port has endpoints: with none, nothing listens and the kernel refuses a connection at
 * once, as kube-proxy's REJECT rule does. Each accepted connection is piped to an endpoint, with
 * back-pressure both ways. Used on the proxy's event loop only.
 */
final class Frontend {
  private static final Logger LOG = Logger.getLogger(Frontend.class);

  /** How many endpoints a connection tries before it is closed, when they cannot be reached. */
  static final int ATTEMPTS = 3;

  private final Vertx vertx;
  private final NetClient client;
  private final String what;
  private final String host;
  private final int port;
  private final Backends backends;
  private NetServer server;
  private boolean binding;
  private boolean wanted;
  private boolean warned;
  private boolean closed;

  Frontend(Vertx vertx, NetClient client, String what, String host, int port, Backends backends) {
    this.vertx = vertx;
    this.client = client;
    this.what = what;
    this.host = host;
    this.port = port;
    this.backends = backends;
  }

  String address() {
    return host + ":" + port;
  }

  /** Whether it listens. */
  boolean listening() {
    return server != null;
  }

  /** Whether it should listen but does not (its address could not be bound). */
  boolean failed() {
    return wanted && server == null && !binding;
  }

  /** Listens while its port has endpoints, stops listening when it has none. */
  void sync() {
    wanted = !closed && !backends.isEmpty();
    if (wanted && server == null && !binding) {
      bind();
    } else if (!wanted && server != null) {
      NetServer listening = server;
      server = null;
      listening.close();
    }
  }

  /** Stops listening for good. */
  void close() {
    closed = true;
    sync();
  }

  private void bind() {
    binding = true;
    NetServer created =
        vertx.createNetServer(
            new NetServerOptions().setHost(host).setPort(port).setReuseAddress(true));
    created.connectHandler(this::accept);
    created
        .listen()
        .onComplete(
            result -> {
              binding = false;
              if (result.failed()) {
                if (!warned) {
                  warned = true;
                  LOG.warnf(
                      "%s: cannot listen on %s (%s); connections to it are not proxied. A"
                          + " ClusterIP must be an address of this machine: give the apiserver a"
                          + " loopback --service-cluster-ip-range (bosun server uses"
                          + " 127.96.0.0/12); will retry.",
                      what, address(), result.cause().getMessage());
                }
                return;
              }
              if (warned) {
                LOG.infof("%s: listening on %s now", what, address());
                warned = false;
              }
              server = created;
              if (!wanted) {
                sync();
              }
            });
  }

  private void accept(NetSocket socket) {
    socket.pause();
    forward(socket, socket.remoteAddress().host(), ATTEMPTS);
  }

  private void forward(NetSocket socket, String clientIp, int attempts) {
    Backend backend = backends.pick(clientIp);
    if (backend == null || attempts == 0) {
      socket.close();
      return;
    }
    client
        .connect(backend.port(), backend.ip())
        .onComplete(
            connected -> {
              if (connected.failed()) {
                backends.unstick(clientIp);
                forward(socket, clientIp, attempts - 1);
                return;
              }
              NetSocket upstream = connected.result();
              upstream.pipeTo(socket);
              socket.pipeTo(upstream);
            });
  }
}
