package io.bosun.apiserver.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import org.junit.jupiter.api.Test;

/**
 * BoringSSL loads on the platform Bosun ships it for, and the apiserver's HTTPS server takes it.
 */
class OpenSslTlsTest {

  @Test
  void boringSslLoadsOnLinuxX86() {
    // The dependency carries the linux-x86_64 library only: the machines that build Bosun.
    assertThat(System.getProperty("os.arch")).isIn("amd64", "x86_64");
    assertThat(OpenSsl.isAvailable())
        .as("netty-tcnative: %s", OpenSsl.unavailabilityCause())
        .isTrue();
    assertThat(OpenSsl.versionString()).contains("BoringSSL");
  }

  @Test
  void theHttpsServerUsesItUnlessTurnedOff() {
    OpenSslTls tls = new OpenSslTls();
    tls.enabled = true;
    HttpServerOptions on = new HttpServerOptions();
    tls.customizeHttpsServer(on);
    assertThat(on.getSslEngineOptions()).isInstanceOf(OpenSSLEngineOptions.class);

    tls.enabled = false;
    HttpServerOptions off = new HttpServerOptions();
    tls.customizeHttpsServer(off);
    assertThat(off.getSslEngineOptions()).isNull();
  }
}
