package io.bosun.agent.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Connects through the proxy the way a client in a pod does, from a chosen source address. */
final class ProxyClient {
  private ProxyClient() {}

  /** The name of the server a connection to {@code ip}:{@code port} reaches. */
  static String whoAnswers(String ip, int port) throws IOException {
    return whoAnswers("127.0.0.1", ip, port);
  }

  /** As {@link #whoAnswers(String, int)}, from the source address {@code from}. */
  static String whoAnswers(String from, String ip, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress(ip, port), 2000);
      socket.setSoTimeout(5000);
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String name = reader.readLine();
      if (name == null) {
        throw new IOException("closed without an answer");
      }
      return name;
    }
  }
}
