package io.bosun.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The apiserver under test, run as a child process from its Quarkus build ({@code quarkus-run.jar})
 * against a given PostgreSQL, as a user would run it. Its output goes to standard error with an
 * {@code [apiserver]} prefix.
 */
final class ApiServerProcess implements AutoCloseable {
  /** The line the apiserver prints once it serves requests. */
  private static final String READY_PREFIX = "Bosun is ready";

  private static final Pattern TOKEN = Pattern.compile("(?m)^\\s*token:\\s*(\\S+)");
  private static final Pattern CA =
      Pattern.compile("(?m)^\\s*certificate-authority-data:\\s*(\\S+)");

  private final Process process;
  private final int port;
  private final String token;
  private final String caCertificatePem;

  private ApiServerProcess(Process process, int port, String token, String caCertificatePem) {
    this.process = process;
    this.port = port;
    this.token = token;
    this.caCertificatePem = caCertificatePem;
  }

  /**
   * Starts {@code java -jar jar --data-dir dataDir --port <free> --database-url databaseUrl} and
   * waits for its ready line, then reads the admin token and CA from the kubeconfig it wrote.
   */
  static ApiServerProcess start(Path jar, Path dataDir, String databaseUrl, Duration timeout)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          jar + " does not exist: build it with mvn -B -DskipTests package -pl bench -am");
    }
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions());
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--data-dir",
            dataDir.toString(),
            "--port",
            Integer.toString(port),
            "--database-url",
            databaseUrl));
    Process process = startAndAwait(command, "apiserver", READY_PREFIX, timeout);
    String kubeconfig = Files.readString(dataDir.resolve("kubeconfig"));
    String ca =
        new String(Base64.getDecoder().decode(find(CA, kubeconfig)), StandardCharsets.US_ASCII);
    return new ApiServerProcess(process, port, find(TOKEN, kubeconfig), ca);
  }

  /** JVM options from {@code BOSUN_JAVA_OPTS}, as the {@code bosun} launcher takes them. */
  static List<String> javaOptions() {
    String options = System.getenv("BOSUN_JAVA_OPTS");
    return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
  }

  /**
   * Starts {@code command}, copies its output to standard error with a {@code [name]} prefix, and
   * waits for a line starting with {@code readyPrefix}.
   *
   * @throws IllegalStateException if the process ends or {@code timeout} passes first
   */
  static Process startAndAwait(
      List<String> command, String name, String readyPrefix, Duration timeout)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    CountDownLatch ready = new CountDownLatch(1);
    Thread output =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  System.err.println("[" + name + "] " + line);
                  if (line.startsWith(readyPrefix)) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // The process ended; waitFor below notices.
              }
            },
            name + "-output");
    output.setDaemon(true);
    output.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready.await(100, TimeUnit.MILLISECONDS)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "the "
                + name
                + " did not become ready (exit "
                + (process.isAlive() ? "none" : process.exitValue())
                + ")");
      }
    }
    return process;
  }

  private static String find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("the kubeconfig has no " + pattern);
    }
    return m.group(1);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  int port() {
    return port;
  }

  String token() {
    return token;
  }

  String caCertificatePem() {
    return caCertificatePem;
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /** Stops the apiserver as a signal would (SIGTERM), forcibly after 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
