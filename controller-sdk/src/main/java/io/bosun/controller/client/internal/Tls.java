package io.bosun.controller.client.internal;

import io.bosun.controller.config.ClusterConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

/** Applies a configuration's TLS settings: trusted CA, client certificate, or no verification. */
final class Tls {
  private Tls() {}

  static HttpClientOptions configure(HttpClientOptions options, ClusterConfig config) {
    if (!"https".equals(config.server().getScheme())) {
      return options;
    }
    options.setSsl(true).setVerifyHost(true);
    if (config.insecureSkipTlsVerify()) {
      options.setTrustAll(true).setVerifyHost(false);
    } else {
      config
          .certificateAuthorityPem()
          .ifPresent(
              pem ->
                  options.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(pem))));
    }
    if (config.clientCertificatePem().isPresent() && config.clientKeyPem().isPresent()) {
      options.setKeyCertOptions(
          new PemKeyCertOptions()
              .addCertValue(Buffer.buffer(config.clientCertificatePem().get()))
              .addKeyValue(Buffer.buffer(config.clientKeyPem().get())));
    }
    return options;
  }
}
