package io.bosun.agent.testing;

import static org.awaitility.Awaitility.await;

import io.bosun.agent.pod.PodRuntime;
import io.bosun.agent.pod.PodRuntimeOptions;
import io.bosun.agent.runtime.ContainerRuntime;
import io.bosun.agent.runtime.ProcessRuntimeOptions;
import io.bosun.controller.queue.Scheduler;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

/**
 * A pod runtime on a temporary data directory, with a recording listener and map-backed inputs;
 * closing it stops every pod it ran.
 */
public final class AgentFixture implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(20);

  public final Path dataDir;
  public final RecordingListener listener = new RecordingListener();
  public final MapInputs inputs = new MapInputs();
  public final Scheduler scheduler;
  private final ScheduledExecutorService timer;
  private final List<PodRuntime> runtimes = new ArrayList<>();
  public PodRuntime runtime;
  private ProcessRuntimeOptions.CgroupMode cgroups = ProcessRuntimeOptions.CgroupMode.AUTO;

  private AgentFixture(Path dataDir, Scheduler scheduler, ScheduledExecutorService timer) {
    this.dataDir = dataDir;
    this.scheduler = scheduler;
    this.timer = timer;
  }

  /** A runtime on real time. */
  public static AgentFixture start(Path dataDir) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    AgentFixture fixture = new AgentFixture(dataDir, Scheduler.of(Clock.systemUTC(), timer), timer);
    fixture.runtime = fixture.newRuntime();
    return fixture;
  }

  /** A runtime on real time that applies no resource limits. */
  public static AgentFixture startWithoutCgroups(Path dataDir) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    AgentFixture fixture = new AgentFixture(dataDir, Scheduler.of(Clock.systemUTC(), timer), timer);
    fixture.cgroups = ProcessRuntimeOptions.CgroupMode.NONE;
    fixture.runtime = fixture.newRuntime();
    return fixture;
  }

  /** A runtime on a test clock. */
  public static AgentFixture start(Path dataDir, TestClock clock) {
    AgentFixture fixture = new AgentFixture(dataDir, clock, null);
    fixture.runtime = fixture.newRuntime();
    return fixture;
  }

  /** Another runtime on the same data directory (the first should be closed). */
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
            .allowedHostPaths(List.of(dataDir.getParent()))
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

  @Override
  public void close() {
    for (PodRuntime created : runtimes) {
      for (String uid : created.podUids()) {
        try {
          created.removePod(uid).await().atMost(WAIT);
        } catch (RuntimeException e) {
          // A closed runtime's pods are stopped by the runtime that took them over.
        }
      }
      created.close();
    }
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
