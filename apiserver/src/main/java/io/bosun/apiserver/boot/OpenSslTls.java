package io.bosun.apiserver.boot;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Serves TLS through BoringSSL (netty-tcnative) instead of the JDK's SSLEngine when its native
 * library loads. Every watch event is encrypted once per watcher; with the JDK engine on Java 17
 * that was most of the apiserver's CPU with a thousand watches open (docs/benchmarks.md). Where the
 * library cannot load (another platform, a native image) the JDK engine serves as before.
 */
@ApplicationScoped
public class OpenSslTls implements HttpServerOptionsCustomizer {
  private static final Logger LOG = Logger.getLogger(OpenSslTls.class);

  @ConfigProperty(name = "bosun.tls.openssl", defaultValue = "true")
  boolean enabled;

  @Override
  public void customizeHttpsServer(HttpServerOptions options) {
    if (!enabled) {
      return;
    }
    if (OpenSSLEngineOptions.isAvailable()) {
      options.setSslEngineOptions(new OpenSSLEngineOptions());
    } else {
      LOG.debug("BoringSSL is not available here; TLS is served by the JDK");
    }
  }
}
