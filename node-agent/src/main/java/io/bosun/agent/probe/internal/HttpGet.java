package io.bosun.agent.probe.internal;

import io.fabric8.kubernetes.api.model.HTTPHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The HTTP/1.1 GET of an httpGet probe or hook, over a plain socket: the kubelet's request (its
 * User-Agent and Accept headers, the probe's own headers, HTTPS without certificate checks) and
 * nothing read back but the status line.
 */
final class HttpGet {
  private static final String USER_AGENT = "kube-probe/1.32";
  private static final SSLSocketFactory INSECURE = insecure();

  private HttpGet() {}

  static int status(
      String host, int port, boolean https, String path, List<HTTPHeader> headers, Duration timeout)
      throws IOException {
    int millis = (int) Math.max(1, timeout.toMillis());
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(host, port), millis);
      plain.setSoTimeout(millis);
      Socket socket = plain;
      if (https) {
        SSLSocket tls = (SSLSocket) INSECURE.createSocket(plain, host, port, true);
        tls.startHandshake();
        socket = tls;
      }
      StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
      boolean hostSet = false;
      boolean agentSet = false;
      boolean acceptSet = false;
      for (HTTPHeader header : headers == null ? List.<HTTPHeader>of() : headers) {
        hostSet |= header.getName().equalsIgnoreCase("Host");
        agentSet |= header.getName().equalsIgnoreCase("User-Agent");
        acceptSet |= header.getName().equalsIgnoreCase("Accept");
        request.append(header.getName()).append(": ").append(header.getValue()).append("\r\n");
      }
      if (!hostSet) {
        request.append("Host: ").append(host).append(':').append(port).append("\r\n");
      }
      if (!agentSet) {
        request.append("User-Agent: ").append(USER_AGENT).append("\r\n");
      }
      if (!acceptSet) {
        request.append("Accept: */*\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String statusLine = readLine(socket.getInputStream());
      String[] parts = statusLine.split(" ");
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException("malformed HTTP response \"" + statusLine + "\"");
      }
      try {
        return Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IOException("malformed HTTP status code \"" + parts[1] + "\"");
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b >= 0 && b != '\n' && line.length() < 8192; b = in.read()) {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  /** Probes do not verify certificates, as the kubelet's do not. */
  private static SSLSocketFactory insecure() {
    TrustManager trustAll =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustAll}, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
