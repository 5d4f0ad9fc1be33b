package io.bosun.apiserver.patch;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How strategic merge patch treats each list of a built-in kind: the {@code patchStrategy} and
 * {@code patchMergeKey} tags of the Kubernetes Go types. A list not named here is replaced whole,
 * which is the default for lists without tags.
 *
 * <p>Paths are dotted field names from the object root; list elements add no segment. Lists inside
 * a pod spec are written once relative to the spec and found under every kind's pod spec root.
 */
public final class PatchStrategies {

  /** The strategy of one list: merged by {@code mergeKey}, or a set of scalars if it is null. */
  public record ListStrategy(String mergeKey) {
    public boolean primitive() {
      return mergeKey == null;
    }
  }

  private static final ListStrategy SET = new ListStrategy(null);

  private static final Map<String, ListStrategy> OBJECT_LISTS =
      Map.of(
          "metadata.finalizers", SET,
          "metadata.ownerReferences", new ListStrategy("uid"),
          "status.conditions", new ListStrategy("type"));

  private static final Map<String, ListStrategy> POD_SPEC_LISTS =
      Map.ofEntries(
          Map.entry("containers", new ListStrategy("name")),
          Map.entry("initContainers", new ListStrategy("name")),
          Map.entry("ephemeralContainers", new ListStrategy("name")),
          Map.entry("volumes", new ListStrategy("name")),
          Map.entry("imagePullSecrets", new ListStrategy("name")),
          Map.entry("hostAliases", new ListStrategy("ip")),
          Map.entry("containers.ports", new ListStrategy("containerPort")),
          Map.entry("containers.env", new ListStrategy("name")),
          Map.entry("containers.volumeMounts", new ListStrategy("mountPath")),
          Map.entry("containers.volumeDevices", new ListStrategy("devicePath")),
          Map.entry("initContainers.ports", new ListStrategy("containerPort")),
          Map.entry("initContainers.env", new ListStrategy("name")),
          Map.entry("initContainers.volumeMounts", new ListStrategy("mountPath")),
          Map.entry("initContainers.volumeDevices", new ListStrategy("devicePath")));

  private static final Map<String, Map<String, ListStrategy>> KIND_LISTS =
      Map.of(
          "Service", Map.of("spec.ports", new ListStrategy("port")),
          "Node", Map.of("status.addresses", new ListStrategy("type")));

  private static final Map<String, List<String>> POD_SPEC_ROOTS =
      Map.of(
          "Pod", List.of("spec"),
          "PodTemplate", List.of("template.spec"),
          "ReplicationController", List.of("spec.template.spec"),
          "ReplicaSet", List.of("spec.template.spec"),
          "Deployment", List.of("spec.template.spec"),
          "StatefulSet", List.of("spec.template.spec"),
          "DaemonSet", List.of("spec.template.spec"),
          "Job", List.of("spec.template.spec"),
          "CronJob", List.of("spec.jobTemplate.spec.template.spec"));

  private final String kind;

  private PatchStrategies(String kind) {
    this.kind = kind;
  }

  /** The strategies of one kind. */
  public static PatchStrategies forKind(String kind) {
    return new PatchStrategies(kind);
  }

  /** The strategy of the list at {@code path}, or empty if the list is replaced whole. */
  public Optional<ListStrategy> list(String path) {
    ListStrategy strategy = OBJECT_LISTS.get(path);
    if (strategy == null) {
      strategy = KIND_LISTS.getOrDefault(kind, Map.of()).get(path);
    }
    if (strategy == null) {
      for (String root : POD_SPEC_ROOTS.getOrDefault(kind, List.of())) {
        if (path.startsWith(root + ".")) {
          strategy = POD_SPEC_LISTS.get(path.substring(root.length() + 1));
        }
      }
    }
    return Optional.ofNullable(strategy);
  }
}
