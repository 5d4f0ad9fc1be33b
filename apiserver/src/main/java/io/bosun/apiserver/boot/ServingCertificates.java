package io.bosun.apiserver.boot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's certificate authority and the apiserver's serving certificate, as PEM files in
 * {@code <data-dir>/tls}. kubectl sends a bearer token only over TLS, so the API is served over
 * HTTPS from the first start; the kubeconfig trusts the CA. The CA is made once; the serving
 * certificate is renewed when it is missing or close to expiry.
 *
 * @param caCertificate the CA certificate, PEM, as the kubeconfig embeds it
 * @param certificateFile the serving certificate, PEM
 * @param keyFile the serving key, PKCS#8 PEM
 */
record ServingCertificates(String caCertificate, Path certificateFile, Path keyFile) {
  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  static final Duration SERVING_VALIDITY = Duration.ofDays(365);

  /** A serving certificate that expires sooner than this is replaced at start. */
  static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private static final String SIGNATURE = "SHA256withECDSA";

  /** Loads the certificates from {@code tlsDir}, creating or renewing what is needed. */
  static ServingCertificates loadOrCreate(Path tlsDir, Clock clock) throws IOException {
    PrivateFiles.createDirectory(tlsDir);
    Path caCert = tlsDir.resolve("ca.crt");
    Path caKey = tlsDir.resolve("ca.key");
    Path serverCert = tlsDir.resolve("server.crt");
    Path serverKey = tlsDir.resolve("server.key");
    try {
      Instant now = clock.instant();
      boolean newCa = !Files.exists(caCert) || !Files.exists(caKey);
      if (newCa) {
        KeyPair ca = newKeyPair();
        X509Certificate certificate = caCertificate(ca, now);
        PrivateFiles.write(caKey, pem("PRIVATE KEY", ca.getPrivate().getEncoded()));
        PrivateFiles.write(caCert, pem("CERTIFICATE", certificate.getEncoded()));
      }
      if (newCa || !Files.exists(serverKey) || expiresSoon(serverCert, now)) {
        X509Certificate ca = readCertificate(caCert);
        PrivateKey caPrivate = readKey(caKey);
        KeyPair server = newKeyPair();
        X509Certificate certificate = servingCertificate(server, ca, caPrivate, now);
        PrivateFiles.write(serverKey, pem("PRIVATE KEY", server.getPrivate().getEncoded()));
        PrivateFiles.write(serverCert, pem("CERTIFICATE", certificate.getEncoded()));
      }
      return new ServingCertificates(
          Files.readString(caCert, StandardCharsets.US_ASCII), serverCert, serverKey);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot create the serving certificates in " + tlsDir, e);
    }
  }

  private static boolean expiresSoon(Path certificate, Instant now)
      throws IOException, GeneralSecurityException {
    if (!Files.exists(certificate)) {
      return true;
    }
    Instant notAfter = readCertificate(certificate).getNotAfter().toInstant();
    return notAfter.isBefore(now.plus(RENEW_BEFORE));
  }

  private static X509Certificate caCertificate(KeyPair ca, Instant now)
      throws GeneralSecurityException, CertIOException, OperatorCreationException {
    X500Name name = new X500Name("CN=bosun-ca");
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name, serial(), backdated(now), Date.from(now.plus(CA_VALIDITY)), name, ca.getPublic());
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    builder
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
        .addExtension(
            Extension.subjectKeyIdentifier,
            false,
            extensions.createSubjectKeyIdentifier(ca.getPublic()));
    return sign(builder, ca.getPrivate());
  }

  private static X509Certificate servingCertificate(
      KeyPair server, X509Certificate ca, PrivateKey caKey, Instant now)
      throws GeneralSecurityException, CertIOException, OperatorCreationException {
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            ca,
            serial(),
            backdated(now),
            Date.from(now.plus(SERVING_VALIDITY)),
            new X500Name("CN=bosun-apiserver"),
            server.getPublic());
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    builder
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
        .addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames())
        .addExtension(
            Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca));
    return sign(builder, caKey);
  }

  /** The names a local client reaches the apiserver by: loopback addresses and host names. */
  private static GeneralNames subjectAlternativeNames() {
    List<GeneralName> names = new ArrayList<>();
    names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    names.add(new GeneralName(GeneralName.iPAddress, "::1"));
    names.add(new GeneralName(GeneralName.dNSName, "localhost"));
    try {
      String host = InetAddress.getLocalHost().getHostName();
      if (!host.isEmpty() && !host.equals("localhost")) {
        names.add(new GeneralName(GeneralName.dNSName, host));
      }
    } catch (IOException e) {
      // Without a resolvable host name the loopback names still serve the local kubeconfig.
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(127, new SecureRandom());
  }

  /** A little before now, so that a client whose clock lags slightly accepts the certificate. */
  private static Date backdated(Instant now) {
    return Date.from(now.minus(Duration.ofHours(1)));
  }

  static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] der(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  private static X509Certificate readCertificate(Path file)
      throws IOException, GeneralSecurityException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(der(file)));
  }

  private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der(file)));
  }
}
