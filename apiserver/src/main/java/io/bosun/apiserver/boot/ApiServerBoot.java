package io.bosun.apiserver.boot;

import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts the apiserver from {@link ServerOptions}: prepares the data directory, the database, the
 * admin credentials and the kubeconfig, then runs Quarkus until the process is stopped.
 *
 * <p>Configuration reaches the Quarkus application as system properties: {@code
 * bosun.database.url}, {@code bosun.admin-token}, and Quarkus's own HTTPS settings.
 */
public final class ApiServerBoot {
  /** Exit code when the server cannot start for a reason the user can fix. */
  public static final int EXIT_STARTUP_FAILED = 1;

  /** How long shutdown waits for the application to stop before stopping PostgreSQL anyway. */
  private static final long SHUTDOWN_WAIT_SECONDS = 30;

  private static volatile String readyLine = "Bosun is ready";

  private ApiServerBoot() {}

  /**
   * Runs the server and exits the JVM when it stops. A start-up failure the user can fix is printed
   * as one line on standard error, and the process exits with {@link #EXIT_STARTUP_FAILED}.
   */
  public static void runOrExit(ServerOptions options) {
    Optional<EmbeddedDatabase> embedded;
    try {
      embedded = prepare(options);
    } catch (StartupException e) {
      System.err.println("bosun: " + e.getMessage());
      System.exit(EXIT_STARTUP_FAILED);
      return;
    }
    run(embedded);
  }

  /**
   * Makes everything Quarkus needs ready and configures it.
   *
   * @return the embedded database, when Bosun runs one
   */
  private static Optional<EmbeddedDatabase> prepare(ServerOptions options) {
    Path dataDir = options.dataDir();
    try {
      PrivateFiles.createDirectory(dataDir);
    } catch (IOException e) {
      throw new StartupException("cannot create the data directory " + dataDir + ": " + e, e);
    }
    requirePortFree(options.port());
    String databaseUrl;
    Optional<EmbeddedDatabase> embedded = Optional.empty();
    if (options.databaseUrl().isPresent()) {
      databaseUrl = options.databaseUrl().get();
      DatabaseCheck.requireReachable(databaseUrl);
    } else {
      EmbeddedDatabase database = EmbeddedDatabase.start(dataDir);
      embedded = Optional.of(database);
      databaseUrl = database.url();
    }
    try {
      String token = AdminToken.loadOrCreate(dataDir);
      ServingCertificates tls =
          ServingCertificates.loadOrCreate(dataDir.resolve("tls"), Clock.systemUTC());
      Path kubeconfig = Kubeconfig.write(dataDir, options.port(), token, tls.caCertificate());
      configureQuarkus(options.port(), databaseUrl, token, tls);
      // The all-in-one server's controllers reach the API through this kubeconfig.
      System.setProperty("bosun.kubeconfig", kubeconfig.toString());
      readyLine = "Bosun is ready: kubectl --kubeconfig " + kubeconfig + " get namespaces";
      return embedded;
    } catch (IOException e) {
      embedded.ifPresent(EmbeddedDatabase::close);
      throw new StartupException("cannot write to the data directory " + dataDir + ": " + e, e);
    }
  }

  private static void configureQuarkus(
      int port, String databaseUrl, String token, ServingCertificates tls) {
    System.setProperty("bosun.database.url", databaseUrl);
    System.setProperty("bosun.admin-token", token);
    // kubectl sends credentials only over TLS: serve HTTPS on the port, and no plain HTTP at all.
    System.setProperty("quarkus.http.ssl-port", Integer.toString(port));
    System.setProperty("quarkus.http.insecure-requests", "disabled");
    System.setProperty("quarkus.http.ssl.certificate.files", tls.certificateFile().toString());
    System.setProperty("quarkus.http.ssl.certificate.key-files", tls.keyFile().toString());
  }

  private static void run(Optional<EmbeddedDatabase> embedded) {
    embedded.ifPresent(
        database ->
            Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> stopAfterQuarkus(database), "bosun-pg-stop")));
    Quarkus.run(
        ReadyApplication.class,
        (exitCode, failure) -> {
          // Reached when start-up fails or the application returns; a signal ends in the hook.
          embedded.ifPresent(EmbeddedDatabase::close);
          if (failure != null) {
            System.err.println("bosun: the server failed to start: " + rootMessage(failure));
          }
          System.exit(failure != null ? EXIT_STARTUP_FAILED : exitCode);
        });
  }

  /**
   * Stops the embedded PostgreSQL once Quarkus has shut down (the apiserver closes its connections
   * first), or after {@link #SHUTDOWN_WAIT_SECONDS} at the latest.
   */
  private static void stopAfterQuarkus(EmbeddedDatabase database) {
    Application application = Application.currentApplication();
    if (application != null) {
      Thread waiter = new Thread(application::awaitShutdown, "bosun-await-shutdown");
      waiter.setDaemon(true);
      waiter.start();
      try {
        waiter.join(TimeUnit.SECONDS.toMillis(SHUTDOWN_WAIT_SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    database.close();
  }

  /** Fails with a clear message when another process already listens on {@code port}. */
  private static void requirePortFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      throw new StartupException("port " + port + " is in use; choose another with --port", e);
    }
  }

  /** The line printed when the server is ready. */
  static String readyLine() {
    return readyLine;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
