package io.bosun.agent.pod.internal;

import io.bosun.agent.logs.LogOptions;
import io.bosun.agent.network.PodAddresses;
import io.bosun.agent.pod.PodRuntime;
import io.bosun.agent.pod.PodRuntimeOptions;
import io.bosun.agent.runtime.ContainerCheckpoint;
import io.bosun.agent.runtime.ContainerHandle;
import io.bosun.agent.runtime.ContainerRuntime;
import io.bosun.agent.runtime.ProcessRuntimeOptions;
import io.bosun.agent.runtime.ResourceEnforcement;
import io.bosun.agent.volume.internal.AtomicWriter;
import io.bosun.core.api.Status;
import io.bosun.core.api.StatusException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/** The pod runtime: a worker per pod, over one container runtime. */
public final class DefaultPodRuntime implements PodRuntime {
  private static final Logger LOG = Logger.getLogger(DefaultPodRuntime.class);

  private final RuntimeContext ctx;
  private final ScheduledExecutorService logs;
  private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
  private volatile Cancellable resync;
  private volatile boolean closed;

  private DefaultPodRuntime(RuntimeContext ctx) {
    this.ctx = ctx;
    this.logs = Executors.newScheduledThreadPool(1, daemon("bosun-logs"));
  }

  /** A runtime over {@code options}, taking back the pods checkpointed in the data directory. */
  public static PodRuntime create(PodRuntimeOptions options) {
    Objects.requireNonNull(options, "options");
    ContainerRuntime containers = options.containerRuntime();
    if (containers == null) {
      containers =
          ContainerRuntime.processes(
              ProcessRuntimeOptions.of(
                  options.dataDir().resolve("containers"), options.scheduler()));
    }
    ExecutorService pool = Executors.newCachedThreadPool(daemon("bosun-pod"));
    RuntimeContext ctx =
        new RuntimeContext(options, containers, new PodAddresses(options.podNetwork()), pool);
    DefaultPodRuntime runtime = new DefaultPodRuntime(ctx);
    runtime.restore();
    runtime.scheduleResync();
    return runtime;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private void restore() {
    Path pods = ctx.options.dataDir().resolve("pods");
    if (!Files.isDirectory(pods)) {
      return;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(pods)) {
      for (Path dir : dirs) {
        Path file = dir.resolve("state.json");
        if (Files.isRegularFile(file)) {
          restore(file);
        }
      }
    } catch (IOException e) {
      LOG.errorf(e, "cannot list checkpointed pods in %s", pods);
    }
  }

  private void restore(Path file) {
    try {
      PodCheckpoint.Loaded loaded = PodCheckpoint.load(file, ctx.options.dataDir());
      PodState state = loaded.state();
      String uid = state.pod.getMetadata().getUid();
      if (state.podIP != null && !ctx.addresses.reserve(uid, state.podIP)) {
        LOG.warnf("pod %s cannot keep address %s; it gets a new one", uid, state.podIP);
        state.podIP = null;
      }
      PodWorker worker = new PodWorker(ctx, state);
      ContainerActions actions = new ContainerActions(worker);
      for (Map.Entry<String, ContainerCheckpoint> live : loaded.live().entrySet()) {
        ContainerSlot slot = state.slots.get(live.getKey());
        ContainerHandle handle = ctx.runtime.reattach(live.getValue());
        slot.current = new Run(slot.current.containerId, slot.current.startedAt, handle, null);
        worker.executor().execute(() -> actions.watch(slot, slot.current));
      }
      workers.put(uid, worker);
      worker.requestSync();
    } catch (IOException | RuntimeException e) {
      LOG.errorf(e, "cannot take back the pod checkpointed in %s", file);
    }
  }

  private void scheduleResync() {
    if (!closed) {
      resync =
          ctx.scheduler()
              .schedule(
                  ctx.options.resyncPeriod(),
                  () -> {
                    refreshInputs();
                    scheduleResync();
                  });
    }
  }

  @Override
  public void syncPod(Pod pod) {
    Objects.requireNonNull(pod, "pod");
    String uid = pod.getMetadata() == null ? null : pod.getMetadata().getUid();
    if (uid == null || uid.isEmpty()) {
      throw new IllegalArgumentException("pod has no metadata.uid");
    }
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    if (node != null && !node.isEmpty() && !node.equals(ctx.options.nodeName())) {
      throw new IllegalArgumentException(
          "pod " + uid + " is bound to node " + node + ", not " + ctx.options.nodeName());
    }
    if (closed) {
      throw new IllegalStateException("the pod runtime is closed");
    }
    PodWorker existing = workers.get(uid);
    if (existing != null) {
      existing.update(pod);
      return;
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
      // A pod that has finished is never started again, as the kubelet does.
      return;
    }
    var meta = pod.getMetadata();
    PodState state =
        new PodState(
            pod, PodLayout.of(ctx.options.dataDir(), meta.getNamespace(), meta.getName(), uid));
    PodWorker worker = new PodWorker(ctx, state);
    PodWorker raced = workers.putIfAbsent(uid, worker);
    if (raced != null) {
      raced.update(pod);
    } else if (meta.getDeletionTimestamp() != null) {
      worker.update(pod);
    } else {
      worker.requestSync();
    }
  }

  @Override
  public Uni<Void> removePod(String uid) {
    Objects.requireNonNull(uid, "uid");
    PodWorker worker = workers.get(uid);
    if (worker == null) {
      return Uni.createFrom().voidItem();
    }
    CompletableFuture<Void> done = worker.remove(() -> cleanUp(worker));
    return Uni.createFrom().completionStage(done::copy).invoke(() -> workers.remove(uid, worker));
  }

  private void cleanUp(PodWorker worker) {
    ctx.addresses.release(worker.uid);
    try {
      AtomicWriter.deleteTree(worker.state.layout.dir());
      AtomicWriter.deleteTree(worker.state.layout.logDir());
    } catch (IOException e) {
      LOG.warnf(e, "cannot delete the files of pod %s", worker.uid);
    }
  }

  @Override
  public Set<String> podUids() {
    return Set.copyOf(workers.keySet());
  }

  @Override
  public Optional<PodStatus> status(String uid) {
    PodWorker worker = workers.get(uid);
    return worker == null ? Optional.empty() : Optional.ofNullable(worker.lastStatus());
  }

  @Override
  public Uni<Multi<byte[]>> logs(String namespace, String name, LogOptions options) {
    Objects.requireNonNull(options, "options");
    PodWorker worker =
        workers.values().stream()
            .filter(
                w ->
                    w.pod().getMetadata().getNamespace().equals(namespace)
                        && w.pod().getMetadata().getName().equals(name)
                        && !w.state.removed)
            .findFirst()
            .orElse(null);
    if (worker == null) {
      return Uni.createFrom().failure(new StatusException(Status.notFound("", "pods", name)));
    }
    CompletableFuture<Multi<byte[]>> opened = new CompletableFuture<>();
    worker
        .executor()
        .execute(
            () -> {
              try {
                opened.complete(PodLogs.open(worker, options, ctx.scheduler().clock(), logs));
              } catch (RuntimeException e) {
                opened.completeExceptionally(e);
              }
            });
    return Uni.createFrom().completionStage(opened);
  }

  @Override
  public void refreshInputs() {
    for (PodWorker worker : workers.values()) {
      worker
          .executor()
          .execute(
              () -> {
                worker.state.volumesDue = true;
                for (ContainerSlot slot : worker.state.slots.values()) {
                  slot.retryAt = null;
                }
              });
      worker.requestSync();
    }
  }

  @Override
  public ResourceEnforcement resourceEnforcement() {
    return ctx.runtime.resourceEnforcement();
  }

  @Override
  public void close() {
    closed = true;
    if (resync != null) {
      resync.cancel();
    }
    for (PodWorker worker : workers.values()) {
      worker.executor().execute(() -> worker.state.removed = true);
    }
    ctx.runtime.close();
    logs.shutdownNow();
    ctx.pool.shutdown();
  }
}
