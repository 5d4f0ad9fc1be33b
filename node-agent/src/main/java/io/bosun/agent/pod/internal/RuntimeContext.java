package io.bosun.agent.pod.internal;

import io.bosun.agent.network.PodAddresses;
import io.bosun.agent.pod.PodEvent;
import io.bosun.agent.pod.PodRuntimeOptions;
import io.bosun.agent.probe.internal.Prober;
import io.bosun.agent.runtime.ContainerRuntime;
import io.bosun.agent.volume.internal.Volumes;
import io.bosun.controller.queue.Scheduler;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;

/** What every pod worker of one runtime shares. */
final class RuntimeContext {
  private static final Logger LOG = Logger.getLogger(RuntimeContext.class);

  final PodRuntimeOptions options;
  final ContainerRuntime runtime;
  final Volumes volumes;
  final PodAddresses addresses;
  final ContainerSetup setup;
  final Prober prober;
  final ExecutorService pool;

  RuntimeContext(
      PodRuntimeOptions options,
      ContainerRuntime runtime,
      PodAddresses addresses,
      ExecutorService pool) {
    this.options = options;
    this.runtime = runtime;
    this.addresses = addresses;
    this.pool = pool;
    this.volumes =
        new Volumes(
            options.inputs(),
            options.allowedHostPaths(),
            options.allocatableCpuMillis(),
            options.allocatableMemoryBytes());
    this.setup = new ContainerSetup(options);
    this.prober = new Prober(pool);
  }

  Scheduler scheduler() {
    return options.scheduler();
  }

  Instant now() {
    return options.scheduler().clock().instant();
  }

  /** Sends an event about {@code pod}; a listener that fails is logged, never fatal. */
  void event(Pod pod, String fieldPath, String type, String reason, String message) {
    try {
      options
          .listener()
          .onEvent(
              new PodEvent(
                  pod.getMetadata().getNamespace(),
                  pod.getMetadata().getName(),
                  pod.getMetadata().getUid(),
                  fieldPath,
                  type,
                  reason,
                  message,
                  now()));
    } catch (RuntimeException e) {
      LOG.warnf(e, "event listener failed on %s %s", reason, message);
    }
  }
}
