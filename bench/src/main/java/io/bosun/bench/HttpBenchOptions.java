package io.bosun.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The options of {@link HttpBench}, from its command line.
 *
 * @param measured how long each measurement runs after its warm-up. Defaults to {@value
 *     #DEFAULT_SECONDS} s ({@code --seconds}).
 * @param warmup the warm-up before each measurement, not counted. Defaults to {@value
 *     #DEFAULT_WARMUP_SECONDS} s ({@code --warmup}).
 * @param watchWarmup the warm-up before the watch measurement. Defaults to {@value
 *     #DEFAULT_WATCH_WARMUP_SECONDS} s ({@code --watch-warmup}): the apiserver's code for writing
 *     one change to a thousand streams is cold until the watches open, and ten seconds later its
 *     JIT compiler still took a sixth of the apiserver's CPU (perf, 2026-11-24).
 * @param protocol HTTP/2 (as kubectl and client-go speak it) or HTTP/1.1 ({@code --http1}).
 *     Defaults to HTTP/2.
 * @param watchStreams over HTTP/2, the watches that share one connection. Defaults to {@value
 *     #DEFAULT_WATCH_STREAMS} ({@code --watch-streams}), the SETTINGS_MAX_CONCURRENT_STREAMS the
 *     apiserver advertises (Vert.x's default, and kube-apiserver's since the HTTP/2 rapid-reset
 *     fix); a client that wants more watches opens more connections, as Go's HTTP/2 client does.
 *     Over HTTP/1.1 every watch has a connection of its own.
 * @param watches open watches in the watch measurement. Defaults to {@value #DEFAULT_WATCHES}
 *     ({@code --watches}).
 * @param watchRate creates per second in the watch measurement. Defaults to {@value
 *     #DEFAULT_WATCH_RATE} ({@code --watch-rate}).
 * @param parts the measurements to run, of {@link #PARTS}. Defaults to all ({@code --only
 *     create,get,list,watch}).
 * @param apiserverJar the apiserver build to run. Defaults to {@value #DEFAULT_JAR} ({@code
 *     --apiserver-jar}).
 */
record HttpBenchOptions(
    Duration measured,
    Duration warmup,
    Duration watchWarmup,
    ApiClient.Protocol protocol,
    int watchStreams,
    int watches,
    int watchRate,
    Set<String> parts,
    Path apiserverJar) {
  static final int DEFAULT_SECONDS = 10;
  static final int DEFAULT_WARMUP_SECONDS = 10;
  static final int DEFAULT_WATCH_WARMUP_SECONDS = 30;
  static final int DEFAULT_WATCH_STREAMS = 100;
  static final int DEFAULT_WATCHES = 1000;
  static final int DEFAULT_WATCH_RATE = 100;
  static final Set<String> PARTS = Set.of("create", "get", "list", "watch");
  static final String DEFAULT_JAR = "apiserver/target/quarkus-app/quarkus-run.jar";

  static final String USAGE =
      "Usage: HttpBench [--seconds N] [--warmup N] [--watch-warmup N] [--http1]"
          + " [--watch-streams N]"
          + " [--watches N] [--watch-rate N] [--only create,get,list,watch] [--apiserver-jar PATH]";

  HttpBenchOptions {
    if (measured.isNegative()
        || measured.isZero()
        || warmup.isNegative()
        || watchWarmup.isNegative()) {
      throw new IllegalArgumentException(
          "--seconds must be positive, --warmup and --watch-warmup not negative");
    }
    if (watchStreams < 1 || watches < 1 || watchRate < 1 || watchRate > 1_000_000) {
      throw new IllegalArgumentException(
          "--watch-streams, --watches and --watch-rate must be positive");
    }
    if (!PARTS.containsAll(parts) || parts.isEmpty()) {
      throw new IllegalArgumentException("--only takes some of " + PARTS + ", not " + parts);
    }
  }

  static HttpBenchOptions parse(List<String> args) {
    int seconds = DEFAULT_SECONDS;
    int warmup = DEFAULT_WARMUP_SECONDS;
    int watchWarmup = DEFAULT_WATCH_WARMUP_SECONDS;
    ApiClient.Protocol protocol = ApiClient.Protocol.HTTP_2;
    int watchStreams = DEFAULT_WATCH_STREAMS;
    int watches = DEFAULT_WATCHES;
    int watchRate = DEFAULT_WATCH_RATE;
    Set<String> parts = PARTS;
    Path jar = Path.of(DEFAULT_JAR);
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      if (flag.equals("--http1")) {
        protocol = ApiClient.Protocol.HTTP_1_1;
        continue;
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("unknown flag or missing value: " + flag);
      }
      String value = args.get(++i);
      switch (flag) {
        case "--seconds" -> seconds = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--watch-warmup" -> watchWarmup = Integer.parseInt(value);
        case "--watch-streams" -> watchStreams = Integer.parseInt(value);
        case "--watches" -> watches = Integer.parseInt(value);
        case "--watch-rate" -> watchRate = Integer.parseInt(value);
        case "--only" -> parts = Set.of(value.split(","));
        case "--apiserver-jar" -> jar = Path.of(value);
        default -> throw new IllegalArgumentException("unknown flag: " + flag);
      }
    }
    return new HttpBenchOptions(
        Duration.ofSeconds(seconds),
        Duration.ofSeconds(warmup),
        Duration.ofSeconds(watchWarmup),
        protocol,
        watchStreams,
        watches,
        watchRate,
        parts,
        jar);
  }
}
