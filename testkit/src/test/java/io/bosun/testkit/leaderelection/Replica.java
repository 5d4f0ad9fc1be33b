package io.bosun.testkit.leaderelection;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.leaderelection.LeaderElectionOptions;
import io.bosun.controller.manager.Manager;
import io.bosun.controller.manager.ManagerStatus;
import io.bosun.controller.reconcile.Result;
import io.bosun.controller.runtime.Controller;
import io.bosun.controller.runtime.ControllerOptions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One replica of a controller deployment: a manager with one controller and an election. */
final class Replica {
  static final Duration LEASE = Duration.ofSeconds(2);
  static final Duration RENEW_DEADLINE = Duration.ofMillis(1500);
  static final Duration RETRY = Duration.ofMillis(200);
  static final String LEASE_NAME = "it-controller";

  final String identity;
  final List<String> reconciled = new CopyOnWriteArrayList<>();
  final Manager manager;

  Replica(KubeClient client, String namespace, String identity, boolean releaseOnStop) {
    this.identity = identity;
    this.manager =
        Manager.builder(client, InformerOptions.inNamespace(namespace))
            .add(
                Controller.forResource(ConfigMap.class)
                    .withOptions(ControllerOptions.builder().name("recorder").build())
                    .build(
                        request -> {
                          reconciled.add(request.name());
                          return Uni.createFrom().item(Result.done());
                        }))
            .leaderElection(
                LeaderElectionOptions.builder(namespace, LEASE_NAME)
                    .identity(identity)
                    .timing(LEASE, RENEW_DEADLINE, RETRY)
                    .releaseOnStop(releaseOnStop)
                    .build())
            .build();
  }

  ManagerStatus.Leadership leadership() {
    return manager.status().leadership();
  }

  boolean leads() {
    return leadership() == ManagerStatus.Leadership.LEADER;
  }

  boolean controllerRuns() {
    return manager.status().controllers().get("recorder");
  }

  @Override
  public String toString() {
    return identity;
  }
}
