package io.bosun.agent.testing;

import static org.awaitility.Awaitility.await;

import io.bosun.agent.logs.LogOptions;
import io.bosun.agent.pod.PodDrain;
import io.bosun.agent.pod.PodEvent;
import io.bosun.agent.pod.PodRuntime;
import io.bosun.agent.pod.PodRuntimeOptions;
import io.bosun.agent.runtime.ContainerConfig;
import io.bosun.agent.runtime.ContainerRuntime;
import io.bosun.agent.runtime.ProcessRuntimeOptions;
import io.bosun.agent.volume.internal.AtomicWriter;
import io.bosun.controller.queue.Scheduler;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A pod runtime per test, on a fresh directory, with a recording listener and map-backed inputs;
 * after the test it stops every pod it ran and deletes the directory. Register it with
 * {@code @RegisterExtension}.
 */
public final class AgentFixture implements BeforeEachCallback, AfterEachCallback {
  public static final Duration WAIT = Duration.ofSeconds(20);

  private final TestClock clock;
  private ProcessRuntimeOptions.CgroupMode cgroups = ProcessRuntimeOptions.CgroupMode.AUTO;
  private ContainerConfig.RunAs runAs;
  private PodDrain drain = PodDrain.NONE;
  private final List<PodRuntime> runtimes = new ArrayList<>();
  private ScheduledExecutorService timer;
  private Scheduler scheduler;

  /** A directory of the test's own, beside the agent's data directory. */
  public Path dir;

  public Path dataDir;
  public RecordingListener listener;
  public MapInputs inputs;
  public PodRuntime runtime;

  private AgentFixture(TestClock clock) {
    this.clock = clock;
  }

  /** A runtime on real time. */
  public static AgentFixture realTime() {
    return new AgentFixture(null);
  }

  /** A runtime on a test clock. */
  public static AgentFixture on(TestClock clock) {
    return new AgentFixture(clock);
  }

  /** This fixture, with a runtime that applies no resource limits. */
  public AgentFixture withoutCgroups() {
    cgroups = ProcessRuntimeOptions.CgroupMode.NONE;
    return this;
  }

  /** This fixture, with a runtime that drains stopping pods through {@code drain}. */
  public AgentFixture withDrain(PodDrain drain) {
    this.drain = drain;
    return this;
  }

  /** This fixture, with a runtime that runs containers as {@code uid}:{@code gid}. */
  public AgentFixture runningAs(long uid, long gid) {
    runAs = new ContainerConfig.RunAs(uid, gid);
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("bosun-agent-test");
    dataDir = dir.resolve("agent");
    listener = new RecordingListener();
    inputs = new MapInputs();
    if (clock != null) {
      scheduler = clock;
    } else {
      timer = Executors.newSingleThreadScheduledExecutor();
      scheduler = Scheduler.of(Clock.systemUTC(), timer);
    }
    runtime = newRuntime();
  }

  /** Another runtime on the same data directory (after {@link #detach}). */
  public PodRuntime newRuntime() {
    PodRuntimeOptions options =
        PodRuntimeOptions.builder(dataDir, Pods.NODE)
            .listener(listener)
            .inputs(inputs)
            .scheduler(scheduler)
            .containerRuntime(
                ContainerRuntime.processes(
                    ProcessRuntimeOptions.of(dataDir.resolve("containers"), scheduler)
                        .withCgroups(cgroups)
                        .withCgroupName("bosun-test")))
            .allowedHostPaths(List.of(dir))
            .runAs(runAs)
            .drain(drain)
            .build();
    PodRuntime created = PodRuntime.create(options);
    runtimes.add(created);
    return created;
  }

  /** Lets go of the current runtime without stopping its pods, as an agent that exits does. */
  public void detach() {
    runtimes.remove(runtime);
    runtime.close();
  }

  /** Runs {@code pod} and returns it. */
  public Pod run(Pod pod) {
    runtime.syncPod(pod);
    return pod;
  }

  /** Waits until the pod's status passes {@code test}, and returns it. */
  public PodStatus awaitStatus(Pod pod, Predicate<PodStatus> test) {
    String uid = Pods.uid(pod);
    return await()
        .atMost(WAIT)
        .until(() -> listener.status(uid), status -> status != null && test.test(status));
  }

  /** Waits for an event of the pod that passes {@code test}. */
  public void awaitEvent(Pod pod, Predicate<PodEvent> test) {
    await().atMost(WAIT).until(() -> listener.events(Pods.uid(pod)).stream().anyMatch(test));
  }

  /** The whole log the runtime serves for the pod with {@code options}. */
  public String log(Pod pod, LogOptions options) {
    return runtime
        .logs(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), options)
        .onItem()
        .transformToMulti(log -> log)
        .collect()
        .asList()
        .await()
        .atMost(WAIT)
        .stream()
        .map(String::new)
        .reduce("", String::concat);
  }

  /** The whole log of the pod's only container. */
  public String log(Pod pod) {
    return log(pod, LogOptions.DEFAULTS);
  }

  /** The root directory of a container of the pod. */
  public Path root(Pod pod, String container) {
    return dataDir.resolve("pods").resolve(Pods.uid(pod)).resolve("rootfs").resolve(container);
  }

  /** The status of container {@code name} in {@code status}. */
  public static ContainerStatus container(PodStatus status, String name) {
    List<ContainerStatus> all = new ArrayList<>(status.getContainerStatuses());
    if (status.getInitContainerStatuses() != null) {
      all.addAll(status.getInitContainerStatuses());
    }
    return all.stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
  }

  /** The condition {@code type} of {@code status}. */
  public static PodCondition condition(PodStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  /** Whether container {@code name} is running. */
  public static Predicate<PodStatus> running(String name) {
    return status -> container(status, name).getState().getRunning() != null;
  }

  /** Waits until container {@code name} of the pod waits with {@code reason}, and returns it. */
  public ContainerStatus awaitWaiting(Pod pod, String name, String reason) {
    return container(
        awaitStatus(
            pod,
            status -> {
              var waiting = container(status, name).getState().getWaiting();
              return waiting != null && reason.equals(waiting.getReason());
            }),
        name);
  }

  /** Whether container {@code name} has restarted {@code count} times and runs again. */
  public static Predicate<PodStatus> restartedAndRunning(String name, int count) {
    return status ->
        container(status, name).getRestartCount() == count && running(name).test(status);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    for (PodRuntime created : runtimes) {
      for (String uid : created.podUids()) {
        created.removePod(uid).await().atMost(WAIT);
      }
      created.close();
    }
    runtimes.clear();
    if (timer != null) {
      timer.shutdownNow();
    }
    AtomicWriter.deleteTree(dir);
  }
}
