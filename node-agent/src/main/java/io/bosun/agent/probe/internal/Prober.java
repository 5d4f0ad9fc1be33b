package io.bosun.agent.probe.internal;

import io.bosun.agent.runtime.ExecResult;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * Runs one check against a container, as probes and lifecycle hooks do: a command beside it, an
 * HTTP GET (2xx and 3xx succeed) or a TCP connection, each within a timeout.
 */
public final class Prober {
  private final Executor executor;

  /** A prober that does its blocking I/O on {@code executor}. */
  public Prober(Executor executor) {
    this.executor = executor;
  }

  /** Whether a check passed, and what it said. */
  public record Outcome(boolean success, String message) {
    static Outcome ok(String message) {
      return new Outcome(true, message);
    }

    static Outcome failed(String message) {
      return new Outcome(false, message);
    }
  }

  /**
   * What a check runs against.
   *
   * @param podIP the default host of HTTP and TCP checks
   * @param ports the container's ports, for named ports
   * @param exec runs a command beside the container with a timeout
   */
  public record Target(
      String podIP,
      List<ContainerPort> ports,
      BiFunction<List<String>, Duration, Uni<ExecResult>> exec) {}

  /** Runs a command; exit code 0 passes, and its output is the message. */
  public Uni<Outcome> exec(ExecAction action, Target target, Duration timeout) {
    List<String> command = action.getCommand() == null ? List.of() : action.getCommand();
    if (command.isEmpty()) {
      return Uni.createFrom().item(Outcome.failed("exec probe has no command"));
    }
    return target
        .exec()
        .apply(command, timeout)
        .map(
            result -> {
              if (result.timedOut()) {
                return Outcome.failed("command \"" + String.join(" ", command) + "\" timed out");
              }
              String output = result.output().strip();
              return result.exitCode() == 0 ? Outcome.ok(output) : Outcome.failed(output);
            });
  }

  /** Sends an HTTP GET; a status from 200 to 399 passes. */
  public Uni<Outcome> http(HTTPGetAction action, Target target, Duration timeout) {
    return blocking(
        () -> {
          String host = blank(action.getHost()) ? target.podIP() : action.getHost();
          int port = port(action.getPort(), target.ports());
          boolean https = "HTTPS".equalsIgnoreCase(action.getScheme());
          String path = blank(action.getPath()) ? "/" : action.getPath();
          if (!path.startsWith("/")) {
            path = "/" + path;
          }
          String url = (https ? "https" : "http") + "://" + host + ":" + port + path;
          try {
            int status = HttpGet.status(host, port, https, path, action.getHttpHeaders(), timeout);
            return status >= 200 && status < 400
                ? Outcome.ok("HTTP probe succeeded with statuscode: " + status)
                : Outcome.failed("HTTP probe failed with statuscode: " + status);
          } catch (SocketTimeoutException e) {
            return Outcome.failed(
                "Get \""
                    + url
                    + "\": context deadline exceeded (Client.Timeout exceeded while"
                    + " awaiting headers)");
          } catch (IOException e) {
            return Outcome.failed("Get \"" + url + "\": " + dialError(host, port, e));
          }
        });
  }

  /** Opens a TCP connection; connecting passes. */
  public Uni<Outcome> tcp(TCPSocketAction action, Target target, Duration timeout) {
    return blocking(
        () -> {
          String host = blank(action.getHost()) ? target.podIP() : action.getHost();
          int port = port(action.getPort(), target.ports());
          try (Socket socket = new Socket()) {
            socket.connect(
                new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return Outcome.ok("");
          } catch (IOException e) {
            return Outcome.failed(dialError(host, port, e));
          }
        });
  }

  private Uni<Outcome> blocking(java.util.function.Supplier<Outcome> check) {
    return Uni.createFrom()
        .item(
            () -> {
              try {
                return check.get();
              } catch (IllegalArgumentException e) {
                return Outcome.failed(e.getMessage());
              }
            })
        .runSubscriptionOn(executor);
  }

  private static String dialError(String host, int port, IOException e) {
    String reason = e.getMessage() == null ? e.toString() : e.getMessage();
    if (reason.startsWith("Connection refused")) {
      reason = "connect: connection refused";
    } else if (e instanceof SocketTimeoutException) {
      reason = "i/o timeout";
    }
    return "dial tcp " + host + ":" + port + ": " + reason;
  }

  /**
   * A port given as a number or as the name of a container port.
   *
   * @throws IllegalArgumentException for a name no container port has
   */
  static int port(IntOrString port, List<ContainerPort> ports) {
    if (port == null) {
      throw new IllegalArgumentException("probe has no port");
    }
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    String name = port.getStrVal();
    if (name != null && name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
      return Integer.parseInt(name);
    }
    for (ContainerPort candidate : ports == null ? List.<ContainerPort>of() : ports) {
      if (name != null && name.equals(candidate.getName())) {
        return candidate.getContainerPort();
      }
    }
    throw new IllegalArgumentException("couldn't find port: " + name);
  }

  private static boolean blank(String value) {
    return value == null || value.isEmpty();
  }
}
