package io.bosun.apiserver.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingCertificatesTest {
  @TempDir Path tlsDir;

  @Test
  void issuesAServingCertificateForLoopbackSignedByTheCa() throws Exception {
    ServingCertificates tls = ServingCertificates.loadOrCreate(tlsDir, Clock.systemUTC());

    X509Certificate ca = parse(tls.caCertificate());
    X509Certificate server = parse(Files.readString(tls.certificateFile()));
    server.verify(ca.getPublicKey());
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(server.getBasicConstraints()).isEqualTo(-1);
    assertThat(server.getSubjectAlternativeNames())
        .contains(List.of(7, "127.0.0.1"), List.of(2, "localhost"));
    assertThat(Files.readString(tls.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  @Test
  void keepsTheCaAndCertificateAcrossStarts() throws Exception {
    ServingCertificates first = ServingCertificates.loadOrCreate(tlsDir, Clock.systemUTC());
    String serving = Files.readString(first.certificateFile());

    ServingCertificates second = ServingCertificates.loadOrCreate(tlsDir, Clock.systemUTC());

    assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
    assertThat(Files.readString(second.certificateFile())).isEqualTo(serving);
  }

  @Test
  void renewsAServingCertificateCloseToExpiryUnderTheSameCa() throws Exception {
    ServingCertificates first = ServingCertificates.loadOrCreate(tlsDir, Clock.systemUTC());
    String serving = Files.readString(first.certificateFile());
    Instant nearExpiry =
        Instant.now()
            .plus(ServingCertificates.SERVING_VALIDITY)
            .minus(ServingCertificates.RENEW_BEFORE)
            .plusSeconds(3600);

    ServingCertificates later =
        ServingCertificates.loadOrCreate(tlsDir, Clock.fixed(nearExpiry, ZoneOffset.UTC));

    assertThat(later.caCertificate()).isEqualTo(first.caCertificate());
    assertThat(Files.readString(later.certificateFile())).isNotEqualTo(serving);
    parse(Files.readString(later.certificateFile()))
        .verify(parse(first.caCertificate()).getPublicKey());
  }

  private static X509Certificate parse(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }
}
