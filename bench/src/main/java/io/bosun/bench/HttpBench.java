package io.bosun.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The HTTP benchmark of issue 3, in one run: the whole API stack (the apiserver's Quarkus build as
 * a child process, over HTTPS) against raw PostgreSQL doing the same work over JDBC, both on one
 * embedded PostgreSQL that this program starts with default durability. It measures creates, GETs,
 * LISTs of 10,000 objects, and watch delivery, and prints markdown tables.
 *
 * <p>Usage: {@code java -cp ... io.bosun.bench.HttpBench [flags]}, from the repository root; see
 * {@link HttpBenchOptions} and docs/benchmarks.md.
 */
public final class HttpBench {
  /** Concurrent clients for creates and the loaded GET measurement. */
  static final int CLIENTS = 32;

  /** Objects in the namespace that GET and LIST read. */
  static final int LIST_OBJECTS = 10_000;

  /** The page size of the paginated list, kubectl's default --chunk-size. */
  static final int PAGE_SIZE = 500;

  private static final String CREATE_NS = "bench";
  private static final String LIST_NS = "list";
  private static final String WATCH_NS = "watch";

  /** Event loops the watchers' connections are spread over: Vert.x's default on two cores. */
  private static final int WATCH_EVENT_LOOPS = 4;

  /** Connections (each with one stream) the watch measurement's writer may have in flight. */
  private static final int WRITER_CONNECTIONS = 16;

  private final HttpBenchOptions options;
  private final ApiServerProcess server;
  private final Vertx vertx;
  private final String jdbcUrl;
  private final CpuMeter cpu;
  private final List<HttpTables.Row> rows = new ArrayList<>();

  private HttpBench(
      HttpBenchOptions options,
      ApiServerProcess server,
      Vertx vertx,
      String jdbcUrl,
      CpuMeter cpu) {
    this.options = options;
    this.server = server;
    this.vertx = vertx;
    this.jdbcUrl = jdbcUrl;
    this.cpu = cpu;
  }

  public static void main(String[] args) throws Exception {
    // Vert.x and the JDBC driver log through JUL; Quarkus's log manager on the classpath wants to
    // be named before the first logger is made.
    System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
    HttpBenchOptions options;
    try {
      options = HttpBenchOptions.parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + HttpBenchOptions.USAGE);
      System.exit(2);
      return;
    }
    Path dir = Files.createTempDirectory("bosun-httpbench");
    Path pgData = dir.resolve("pg");
    try (EmbeddedPostgres postgres = BenchPostgres.start(pgData, 300)) {
      String url = BenchPostgres.createBosunDatabase(postgres);
      Vertx vertx = Vertx.vertx();
      try (ApiServerProcess server =
          ApiServerProcess.start(
              options.apiserverJar(), dir.resolve("apiserver"), url, Duration.ofMinutes(2))) {
        String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/bosun";
        new HttpBench(options, server, vertx, jdbcUrl, new CpuMeter(server.handle(), pgData)).run();
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    } finally {
      deleteTree(dir);
    }
  }

  /** Removes the run's directory (the apiserver's token, certificates and kubeconfig). */
  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private void run() throws Exception {
    System.err.printf(
        "HttpBench: %s, %d s measured after %d s warm-up each (watch: %d s), nproc=%d,"
            + " client TLS by %s%n",
        options.protocol(),
        options.measured().toSeconds(),
        options.warmup().toSeconds(),
        options.watchWarmup().toSeconds(),
        Runtime.getRuntime().availableProcessors(),
        OpenSSLEngineOptions.isAvailable() ? "BoringSSL" : "the JDK");
    try (ApiClient setup = client(1)) {
      for (String ns : List.of(CREATE_NS, LIST_NS, WATCH_NS)) {
        setup
            .expect(201, HttpMethod.POST, "/api/v1/namespaces", namespace(ns))
            .get(30, TimeUnit.SECONDS);
      }
    }
    if (options.parts().contains("create")) {
      creates();
    }
    if (options.parts().contains("get") || options.parts().contains("list")) {
      populate();
    }
    if (options.parts().contains("get")) {
      gets(1);
      gets(CLIENTS);
    }
    if (options.parts().contains("list")) {
      lists();
    }
    if (!rows.isEmpty()) {
      HttpTables.print(rows);
    }
    if (options.parts().contains("watch")) {
      HttpTables.print(watches(), options);
    }
  }

  private void creates() throws Exception {
    log("creates: raw PostgreSQL (naive per-create transaction)");
    NaiveStore.createSchema(jdbcUrl);
    AtomicInteger names = new AtomicInteger();
    ClosedLoop rawLoop = loop();
    ClosedLoop.Outcome raw = rawLoop.blocking(CLIENTS, () -> NaiveStore.creator(jdbcUrl, names));
    log("creates: Bosun over HTTP");
    String path = "/api/v1/namespaces/" + CREATE_NS + "/configmaps";
    ClosedLoop bosunLoop = loop();
    ClosedLoop.Outcome bosun;
    try (ApiClient api = client(CLIENTS)) {
      bosun =
          bosunLoop.async(
              CLIENTS,
              () -> {
                String name = "cm-" + names.incrementAndGet();
                String body = Documents.createRequest(CREATE_NS, name, System.nanoTime());
                return api.expect(201, HttpMethod.POST, path, body).thenApply(r -> r.nanos());
              });
    }
    add("create ~1 KiB ConfigMap", CLIENTS, bosun, bosunLoop, raw, rawLoop, HttpTables.CREATE);
  }

  /** Creates the {@link #LIST_OBJECTS} objects that GET and LIST read. */
  private void populate() throws Exception {
    log("creating " + LIST_OBJECTS + " ConfigMaps in namespace " + LIST_NS);
    AtomicInteger next = new AtomicInteger();
    try (ApiClient api = client(CLIENTS)) {
      List<CompletableFuture<Void>> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        clients.add(fill(api, next));
      }
      CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }
  }

  private CompletableFuture<Void> fill(ApiClient api, AtomicInteger next) {
    int n = next.getAndIncrement();
    if (n >= LIST_OBJECTS) {
      return CompletableFuture.completedFuture(null);
    }
    String body = Documents.createRequest(LIST_NS, itemName(n), System.nanoTime());
    return api.expect(201, HttpMethod.POST, "/api/v1/namespaces/" + LIST_NS + "/configmaps", body)
        .thenCompose(reply -> fill(api, next));
  }

  private void gets(int clients) throws Exception {
    log("GET, " + clients + " client(s): raw PostgreSQL");
    ClosedLoop rawLoop = loop();
    ClosedLoop.Outcome raw =
        rawLoop.blocking(
            clients, () -> new RawReads(jdbcUrl, RawReads.Kind.GET, LIST_NS, LIST_OBJECTS, 0));
    log("GET, " + clients + " client(s): Bosun over HTTP");
    String path = "/api/v1/namespaces/" + LIST_NS + "/configmaps/";
    ClosedLoop bosunLoop = loop();
    ClosedLoop.Outcome bosun;
    try (ApiClient api = client(clients)) {
      bosun =
          bosunLoop.async(
              clients,
              () -> {
                String name = itemName(ThreadLocalRandom.current().nextInt(LIST_OBJECTS));
                return api.expect(200, HttpMethod.GET, path + name, null).thenApply(r -> r.nanos());
              });
    }
    add("GET one object", clients, bosun, bosunLoop, raw, rawLoop, HttpTables.GET);
  }

  private void lists() throws Exception {
    String path = "/api/v1/namespaces/" + LIST_NS + "/configmaps";
    try (ApiClient api = client(1)) {
      log("LIST " + LIST_OBJECTS + ": raw PostgreSQL");
      ClosedLoop rawLoop = loop();
      ClosedLoop.Outcome raw =
          rawLoop.blocking(
              1, () -> new RawReads(jdbcUrl, RawReads.Kind.LIST, LIST_NS, LIST_OBJECTS, 0));
      log("LIST " + LIST_OBJECTS + ": Bosun over HTTP");
      ClosedLoop bosunLoop = loop();
      ClosedLoop.Outcome bosun = bosunLoop.async(1, () -> listAll(api, path));
      add("LIST 10,000 objects, no limit", 1, bosun, bosunLoop, raw, rawLoop, HttpTables.LIST);

      log("LIST " + LIST_OBJECTS + " in pages of " + PAGE_SIZE + ": raw PostgreSQL");
      rawLoop = loop();
      raw =
          rawLoop.blocking(
              1,
              () ->
                  new RawReads(
                      jdbcUrl, RawReads.Kind.LIST_PAGED, LIST_NS, LIST_OBJECTS, PAGE_SIZE));
      log("LIST " + LIST_OBJECTS + " in pages of " + PAGE_SIZE + ": Bosun over HTTP");
      String paged = path + "?limit=" + PAGE_SIZE;
      bosunLoop = loop();
      bosun = bosunLoop.async(1, () -> listAll(api, paged));
      add(
          "LIST 10,000 objects, limit=500 (20 pages)",
          1,
          bosun,
          bosunLoop,
          raw,
          rawLoop,
          HttpTables.LIST);
    }
  }

  private WatchLoad.Outcome watches() throws Exception {
    int watches = options.watches();
    boolean http2 = options.protocol() == ApiClient.Protocol.HTTP_2;
    int streams = http2 ? options.watchStreams() : 1;
    int connections = (watches + streams - 1) / streams;
    log(
        "watch: "
            + watches
            + " watches over "
            + connections
            + " connection(s), "
            + options.watchRate()
            + " creates/s");
    // A thousand watchers are a thousand clients in a real cluster. Vert.x reads all of one
    // client's connections on one event loop, so the load generator would read every change's
    // thousand events one after another: the watchers get clients of their own, one per event loop.
    List<ApiClient> watchers = new ArrayList<>();
    for (int loop = 0; loop < WATCH_EVENT_LOOPS; loop++) {
      int share =
          connections / WATCH_EVENT_LOOPS + (loop < connections % WATCH_EVENT_LOOPS ? 1 : 0);
      if (share > 0) {
        Context context = ((VertxInternal) vertx).createEventLoopContext();
        watchers.add(new ApiClient(vertx, server, options.protocol(), share, streams, context));
      }
    }
    // Creates must not queue behind one another: one stream would make the paced writer a
    // closed loop, and its backlog would count as delivery latency.
    try (ApiClient writer = client(WRITER_CONNECTIONS)) {
      return WatchLoad.run(
          watchers,
          streams,
          writer,
          this::commitTimes,
          cpu,
          WATCH_NS,
          watches,
          options.watchRate(),
          options.watchWarmup(),
          options.measured());
    } finally {
      watchers.forEach(ApiClient::close);
    }
  }

  /** When each object of {@code namespace} was committed, from PostgreSQL's commit timestamps. */
  private Map<String, Long> commitTimes(String namespace) throws SQLException {
    Map<String, Long> times = new HashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        PreparedStatement s =
            c.prepareStatement(
                "SELECT name, (extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000000)::bigint"
                    + " FROM objects WHERE namespace = ?")) {
      s.setString(1, namespace);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          times.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    return times;
  }

  /** Lists all pages of {@code uri}, checks the count, and yields the summed round trips. */
  private static CompletableFuture<Long> listAll(ApiClient api, String uri) {
    return api.listAll(uri)
        .thenApply(
            list -> {
              if (list.items() != LIST_OBJECTS) {
                throw new IllegalStateException(
                    "listed " + list.items() + " objects, not " + LIST_OBJECTS);
              }
              return list.nanos();
            });
  }

  /** The name of the {@code n}-th object of the list namespace. */
  static String itemName(int n) {
    return String.format("item-%05d", n);
  }

  private static String namespace(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
        + name
        + "\"}}";
  }

  /** A client whose every concurrent request has a connection of its own, as separate clients. */
  private ApiClient client(int clients) {
    return new ApiClient(vertx, server, options.protocol(), clients, 1);
  }

  private ClosedLoop loop() {
    return new ClosedLoop(options.warmup(), options.measured(), cpu);
  }

  private void add(
      String measurement,
      int clients,
      ClosedLoop.Outcome bosun,
      ClosedLoop bosunLoop,
      ClosedLoop.Outcome raw,
      ClosedLoop rawLoop,
      HttpTables.Target target) {
    reportErrors("Bosun", measurement, bosun, bosunLoop);
    reportErrors("raw PostgreSQL", measurement, raw, rawLoop);
    rows.add(new HttpTables.Row(measurement, clients, bosun, raw, target));
  }

  private static void reportErrors(
      String side, String measurement, ClosedLoop.Outcome outcome, ClosedLoop loop) {
    if (loop.firstError() != null) {
      System.err.printf(
          "%s, %s: %d errors in the measured window; first: %s%n",
          side, measurement, outcome.errors(), loop.firstError());
    }
  }

  private static void log(String message) {
    System.err.println("HttpBench: " + message);
  }
}
