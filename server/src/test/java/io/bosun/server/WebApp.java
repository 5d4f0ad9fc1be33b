package io.bosun.server;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The workload of the agent's end-to-end tests: a Deployment of a small Python HTTP server that
 * answers {@code /} with its pod's name, {@code /pid} with its process ID, and {@code /ready} with
 * 503 while a flag file for its pod exists (so a test can fail its readiness probe), behind a
 * Service. Also a plain HTTP/1.0 client: one connection per request, so every request goes through
 * the proxy's choice of endpoint.
 */
final class WebApp {
  /** The server, as the container's program. */
  private static final String SERVER =
      """
      import http.server, os
      name = os.environ["POD_NAME"]
      flag = os.path.join(os.environ["FLAGS"], "unready-" + name)
      class Handler(http.server.BaseHTTPRequestHandler):
          def do_GET(self):
              code, body = 200, name
              if self.path == "/pid":
                  body = str(os.getpid())
              elif self.path == "/ready" and os.path.exists(flag):
                  code, body = 503, "unready"
              self.send_response(code)
              self.send_header("Content-Length", str(len(body)))
              self.end_headers()
              self.wfile.write(body.encode())
          def log_message(self, *args):
              pass
      print("serving", name, flush=True)
      http.server.ThreadingHTTPServer((os.environ["POD_IP"], 8080), Handler).serve_forever()
      """;

  private WebApp() {}

  /**
   * A Deployment {@code name} of {@code replicas} pods labelled {@code app=name}; it rolls with
   * maxUnavailable 0, and its pods tolerate an unreachable or not-ready node for {@code
   * tolerationSeconds}. No preStop sleep: the agent drains a deleted pod from its own proxy before
   * it stops the containers, so a rolling update loses no request without one.
   *
   * @param flags the directory where the flag files that fail a pod's readiness go
   */
  static String deployment(String name, int replicas, String flags, long tolerationSeconds) {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: %1$s
            spec:
              replicas: %2$d
              selector:
                matchLabels: {app: %1$s}
              strategy:
                type: RollingUpdate
                rollingUpdate: {maxUnavailable: 0, maxSurge: 1}
              template:
                metadata:
                  labels: {app: %1$s}
                spec:
                  terminationGracePeriodSeconds: 5
                  tolerations:
                  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: %4$d}
                  - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: %4$d}
                  containers:
                  - name: web
                    image: python:3
                    command: [python3, -c]
                    env:
                    - name: POD_NAME
                      valueFrom: {fieldRef: {fieldPath: metadata.name}}
                    - {name: FLAGS, value: "%3$s"}
                    ports:
                    - {name: http, containerPort: 8080}
                    readinessProbe:
                      httpGet: {path: /ready, port: http}
                      periodSeconds: 1
                      failureThreshold: 1
                    args:
                    - |
            """
                .formatted(name, replicas, flags, tolerationSeconds));
    SERVER.lines().forEach(line -> yaml.append("          ").append(line).append('\n'));
    return yaml.toString();
  }

  /** A Service {@code name} on port 8080 for the pods of Deployment {@code app}. */
  static String service(String name, String app, String sessionAffinity) {
    return """
        apiVersion: v1
        kind: Service
        metadata:
          name: %s
        spec:
          selector: {app: %s}
          sessionAffinity: %s
          ports:
          - {port: 8080, targetPort: http}
        """
        .formatted(name, app, sessionAffinity);
  }

  /** The pods of app {@code app} that are not being deleted. */
  static List<JsonNode> pods(Kubectl kubectl, String ns, String app)
      throws IOException, InterruptedException {
    List<JsonNode> pods = new ArrayList<>();
    for (JsonNode pod : kubectl.json("get", "pods", "-n", ns, "-l", "app=" + app).path("items")) {
      if (pod.path("metadata").path("deletionTimestamp").isMissingNode()) {
        pods.add(pod);
      }
    }
    return pods;
  }

  /** Whether a pod's Ready condition is True. */
  static boolean isReady(JsonNode pod) {
    for (JsonNode condition : pod.path("status").path("conditions")) {
      if (condition.path("type").asText().equals("Ready")) {
        return condition.path("status").asText().equals("True");
      }
    }
    return false;
  }

  static List<String> names(List<JsonNode> pods) {
    return pods.stream().map(p -> p.path("metadata").path("name").asText()).toList();
  }

  static String clusterIP(Kubectl kubectl, String ns, String service)
      throws IOException, InterruptedException {
    return kubectl.succeed("get", "service", service, "-n", ns, "-o", "jsonpath={.spec.clusterIP}");
  }

  /** Waits until the Service answers at all, then returns the pod name that answered. */
  static String awaitAnswer(String clusterIP, Duration wait) {
    return await("an answer from " + clusterIP)
        .atMost(wait)
        .ignoreExceptions()
        .until(() -> get(clusterIP, 8080, "/"), answer -> true);
  }

  /**
   * GETs {@code path} from {@code host:port} over HTTP/1.0 and returns the body.
   *
   * @throws IOException if the connection fails, times out or the status is not 200
   */
  static String get(String host, int port, String path) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      String response = answer.toString(StandardCharsets.UTF_8);
      int body = response.indexOf("\r\n\r\n");
      if (!response.startsWith("HTTP/1.0 200") || body < 0) {
        throw new IOException("unexpected answer from " + host + ":" + port + ": " + response);
      }
      return response.substring(body + 4);
    }
  }
}
