package io.bosun.testkit.informer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay in front of the apiserver that a test can cut (every connection closed, new ones
 * refused) and restore on the same port: a network partition between a client and a real server. It
 * can also hold what the server sends for a while: a slow link.
 */
public final class TcpProxy implements AutoCloseable {
  private final int targetPort;
  private final int port;
  private final Duration latency;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;

  /** A relay to the local {@code targetPort}. */
  public TcpProxy(int targetPort) throws IOException {
    this(targetPort, Duration.ZERO);
  }

  /**
   * A relay to the local {@code targetPort} that delivers what the server sends after {@code
   * latency}.
   */
  public TcpProxy(int targetPort, Duration latency) throws IOException {
    this.targetPort = targetPort;
    this.latency = latency;
    this.server = listen(0);
    this.port = server.getLocalPort();
    accept(server);
  }

  /** The port clients connect to. */
  public int port() {
    return port;
  }

  /** Closes every relayed connection and refuses new ones. */
  synchronized void cut() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    sockets.clear();
  }

  /** Accepts connections again, on the same port. */
  synchronized void restore() throws IOException {
    server = listen(port);
    accept(server);
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return socket;
  }

  private void accept(ServerSocket listening) {
    Thread acceptor =
        new Thread(
            () -> {
              while (!listening.isClosed()) {
                try {
                  Socket client = listening.accept();
                  Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                  sockets.add(client);
                  sockets.add(upstream);
                  pump(client, upstream, Duration.ZERO);
                  pump(upstream, client, latency);
                } catch (IOException e) {
                  return; // closed by cut() or close()
                }
              }
            },
            "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private static void pump(Socket from, Socket to, Duration latency) {
    Thread pump =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                if (latency.isZero()) {
                  in.transferTo(out);
                } else {
                  Delayed.relay(in, out, latency);
                }
              } catch (IOException e) {
                // One side closed; close both below.
              }
              try {
                from.close();
                to.close();
              } catch (IOException e) {
                // Already closed.
              }
            },
            "tcp-proxy-pump");
    pump.setDaemon(true);
    pump.start();
  }

  /** Relays each chunk {@code latency} after it was read, in order, as a slow link would. */
  private static final class Delayed {
    private record Chunk(long dueNanos, byte[] bytes) {}

    static void relay(InputStream in, OutputStream out, Duration latency) throws IOException {
      BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
      Thread writer =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Chunk chunk = chunks.take();
                    if (chunk.bytes().length == 0) {
                      return;
                    }
                    long wait = chunk.dueNanos() - System.nanoTime();
                    if (wait > 0) {
                      TimeUnit.NANOSECONDS.sleep(wait); // the link's latency, not a test's wait
                    }
                    out.write(chunk.bytes());
                    out.flush();
                  }
                } catch (IOException | InterruptedException e) {
                  // The connection is closing.
                }
              },
              "tcp-proxy-latency");
      writer.setDaemon(true);
      writer.start();
      byte[] buffer = new byte[16 * 1024];
      try {
        for (int read; (read = in.read(buffer)) >= 0; ) {
          chunks.add(new Chunk(System.nanoTime() + latency.toNanos(), Arrays.copyOf(buffer, read)));
        }
      } finally {
        chunks.add(new Chunk(0, new byte[0]));
      }
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
