package io.bosun.agent.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Real TCP servers standing in for pods: each listens on its own loopback address and answers every
 * connection with its name and a newline, then echoes what it reads until the client closes.
 */
final class NamedServers implements AutoCloseable {
  private final List<ServerSocket> sockets = new ArrayList<>();

  /** Starts a server named {@code name} on {@code ip}:{@code port}. */
  void start(String name, String ip, int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
    sockets.add(socket);
    Thread acceptor =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try {
                  Socket connection = socket.accept();
                  Thread serving = new Thread(() -> serve(connection, name), "serve-" + name);
                  serving.setDaemon(true);
                  serving.start();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "accept-" + name);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private static void serve(Socket connection, String name) {
    try (connection;
        InputStream in = connection.getInputStream();
        OutputStream out = connection.getOutputStream()) {
      out.write((name + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // The client went away.
    }
  }

  @Override
  public void close() throws IOException {
    for (ServerSocket socket : sockets) {
      socket.close();
    }
  }
}
