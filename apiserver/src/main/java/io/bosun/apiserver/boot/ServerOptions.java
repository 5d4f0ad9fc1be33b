package io.bosun.apiserver.boot;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of {@code bosun server} (and of the apiserver-only application).
 *
 * @param dataDir where the admin token, certificates, kubeconfig and the embedded PostgreSQL live.
 *     Defaults to {@code ~/.bosun}.
 * @param port the HTTPS port the API is served on. Defaults to {@value #DEFAULT_PORT}.
 * @param databaseUrl an external PostgreSQL as a libpq URI ({@code
 *     postgresql://user:password@host:port/database}); empty means an embedded PostgreSQL in the
 *     data directory. Defaults to empty.
 */
public record ServerOptions(Path dataDir, int port, Optional<String> databaseUrl) {

  /** The default API port, Kubernetes' own. */
  public static final int DEFAULT_PORT = 6443;

  /** The flags, as {@code --help} lists them. */
  public static final String FLAGS_HELP =
      """
        --data-dir DIR        where Bosun keeps its admin token, certificates, kubeconfig and
                              (without --database-url) its embedded PostgreSQL (default ~/.bosun)
        --port PORT           HTTPS port of the Kubernetes API (default 6443)
        --database-url URI    use this PostgreSQL instead of the embedded one, as a libpq URI:
                              postgresql://user:password@host:port/database
        -h, --help            show this help
      """;

  public ServerOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(databaseUrl, "databaseUrl");
    if (port < 1 || port > 65535) {
      throw new UsageException("--port must be between 1 and 65535, not " + port);
    }
  }

  /** The default data directory, {@code ~/.bosun}. */
  public static Path defaultDataDir() {
    return Path.of(System.getProperty("user.home"), ".bosun");
  }

  /**
   * Reads the options from command-line arguments ({@code --flag value} or {@code --flag=value}).
   *
   * @throws UsageException for an unknown flag, a missing value, a malformed port or database URL
   */
  public static ServerOptions parse(List<String> args) {
    Path dataDir = defaultDataDir();
    int port = DEFAULT_PORT;
    Optional<String> databaseUrl = Optional.empty();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String flag = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        flag = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      if (!flag.equals("--data-dir") && !flag.equals("--port") && !flag.equals("--database-url")) {
        throw new UsageException(
            arg.startsWith("-") ? "unknown flag: " + flag : "unexpected argument: " + arg);
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new UsageException("flag needs a value: " + flag);
        }
        value = args.get(++i);
      }
      if (value.isEmpty()) {
        throw new UsageException("flag needs a value: " + flag);
      }
      switch (flag) {
        case "--data-dir" -> dataDir = Path.of(value);
        case "--port" -> port = parsePort(value);
        default -> {
          DatabaseCheck.parse(value);
          databaseUrl = Optional.of(value);
        }
      }
    }
    return new ServerOptions(dataDir.toAbsolutePath().normalize(), port, databaseUrl);
  }

  private static int parsePort(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new UsageException("--port must be a number, not " + value);
    }
  }
}
