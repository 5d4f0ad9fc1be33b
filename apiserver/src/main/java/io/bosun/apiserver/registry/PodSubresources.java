package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.storage.ListOptions;
import io.bosun.apiserver.storage.Selection;
import io.bosun.core.api.FieldError;
import io.bosun.core.api.Status;
import io.bosun.core.selector.LabelSelector;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The pod subresources that act rather than show a view: {@code /binding} assigns a pending pod to
 * a node (the scheduler's write), {@code /eviction} deletes a pod when its disruption budget allows
 * it (what {@code kubectl drain} asks for).
 */
final class PodSubresources {
  private static final Logger LOG = Logger.getLogger(PodSubresources.class);
  private final GenericStore store;
  private final KindRegistry registry;
  private final Clock clock;

  PodSubresources(GenericStore store, KindRegistry registry, Clock clock) {
    this.store = store;
    this.registry = registry;
    this.clock = clock;
  }

  /** Runs the action a post to {@code subresource} asks for. */
  Uni<Void> post(
      ResourceType type, String namespace, String name, Subresource subresource, ObjectNode body) {
    return Uni.createFrom()
        .deferred(
            () ->
                switch (subresource) {
                  case BINDING -> bind(type, namespace, name, body);
                  case EVICTION ->
                      evict(
                          type,
                          namespace,
                          name,
                          body,
                          DeleteRequest.parse(body.path("deleteOptions")));
                  default ->
                      throw Status.methodNotSupported(
                              type.group(),
                              type.resource() + "/" + subresource.pathName(),
                              "create")
                          .asException();
                });
  }

  /** Binds the pod {@code name} to the node a Binding names. */
  Uni<Void> bind(ResourceType pods, String namespace, String name, ObjectNode binding) {
    requireSameName(binding, name, "Binding");
    String node = binding.path("target").path("name").asText("");
    String kind = binding.path("target").path("kind").asText("");
    if (node.isEmpty() || !(kind.isEmpty() || kind.equals("Node"))) {
      FieldError error =
          node.isEmpty()
              ? FieldError.required("target.name", "")
              : FieldError.notSupported("target.kind", kind, List.of("Node"));
      throw Status.invalid("", "Binding", name, List.of(error)).asException();
    }
    return store
        .patch(pods, namespace, name, Subresource.BINDING, pod -> assign(pod, binding, node))
        .replaceWithVoid();
  }

  private ObjectNode assign(ObjectNode pod, ObjectNode binding, String node) {
    String name = pod.path("metadata").path("name").asText();
    String assigned = pod.path("spec").path("nodeName").asText("");
    if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
      throw conflict(name, "pod " + name + " is being deleted, cannot be assigned to a host");
    }
    if (!assigned.isEmpty()) {
      throw conflict(name, "pod " + name + " is already assigned to node \"" + assigned + "\"");
    }
    ((ObjectNode) pod.get("spec")).put("nodeName", node);
    JsonNode annotations = binding.path("metadata").path("annotations");
    if (annotations.isObject() && !annotations.isEmpty()) {
      ObjectNode metadata = (ObjectNode) pod.get("metadata");
      ObjectNode target =
          metadata.get("annotations") instanceof ObjectNode a
              ? a
              : metadata.putObject("annotations");
      target.setAll((ObjectNode) annotations);
    }
    setScheduled(pod);
    return pod;
  }

  private void setScheduled(ObjectNode pod) {
    ObjectNode status = pod.get("status") instanceof ObjectNode s ? s : pod.putObject("status");
    ArrayNode conditions =
        status.get("conditions") instanceof ArrayNode c ? c : status.putArray("conditions");
    for (int i = conditions.size() - 1; i >= 0; i--) {
      if (conditions.get(i).path("type").asText().equals("PodScheduled")) {
        conditions.remove(i);
      }
    }
    conditions
        .addObject()
        .put("type", "PodScheduled")
        .put("status", "True")
        .putNull("lastProbeTime")
        .put("lastTransitionTime", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /**
   * Evicts a pod: a running pod only when the one disruption budget that selects it allows a
   * disruption, which the eviction then uses up; then deletes it with the eviction's options.
   */
  Uni<Void> evict(
      ResourceType pods, String namespace, String name, ObjectNode eviction, DeleteRequest del) {
    requireSameName(eviction, name, "Eviction");
    return store
        .get(pods, namespace, name)
        .flatMap(
            pod -> {
              ObjectNode object = JsonTrees.read(pod.json());
              Uni<Void> allowed =
                  bypassesBudgets(object)
                      ? Uni.createFrom().voidItem()
                      : useBudget(namespace, object);
              return allowed.flatMap(ok -> store.delete(pods, namespace, name, del));
            })
        .replaceWithVoid();
  }

  private static boolean bypassesBudgets(ObjectNode pod) {
    String phase = pod.path("status").path("phase").asText("");
    return pod.path("metadata").hasNonNull("deletionTimestamp")
        || phase.equals("Pending")
        || phase.equals("Succeeded")
        || phase.equals("Failed");
  }

  private Uni<Void> useBudget(String namespace, ObjectNode pod) {
    ResourceType budgets = registry.find("policy", "v1", "poddisruptionbudgets").orElseThrow();
    Map<String, String> labels = new HashMap<>();
    pod.path("metadata")
        .path("labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return store
        .list(budgets, ListOptions.of(budgets.storageResource(), Selection.namespace(namespace)))
        .flatMap(
            page -> {
              List<ObjectNode> matching =
                  page.items().stream()
                      .map(o -> JsonTrees.read(o.json()))
                      .filter(pdb -> selects(pdb, labels))
                      .toList();
              if (matching.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              if (matching.size() > 1) {
                throw Status.internalError(
                        "This pod has more than one PodDisruptionBudget, which the eviction"
                            + " subresource does not support.")
                    .asException();
              }
              return spend(budgets, matching.get(0), pod.path("metadata").path("name").asText());
            });
  }

  private Uni<Void> spend(ResourceType budgets, ObjectNode pdb, String podName) {
    String pdbName = pdb.path("metadata").path("name").asText();
    JsonNode status = pdb.path("status");
    if (status.path("observedGeneration").asLong(0)
        < pdb.path("metadata").path("generation").asLong(0)) {
      throw tooManyRequests(
          "The disruption budget " + pdbName + " is still being processed by the server.");
    }
    long allowed = status.path("disruptionsAllowed").asLong(0);
    if (allowed <= 0) {
      throw tooManyRequests(
          "The disruption budget "
              + pdbName
              + " needs "
              + status.path("desiredHealthy").asLong(0)
              + " healthy pods and has "
              + status.path("currentHealthy").asLong(0)
              + " currently");
    }
    ObjectNode spent = pdb.deepCopy();
    ObjectNode newStatus = (ObjectNode) spent.get("status");
    newStatus.put("disruptionsAllowed", allowed - 1);
    ObjectNode disrupted =
        newStatus.get("disruptedPods") instanceof ObjectNode d
            ? d
            : newStatus.putObject("disruptedPods");
    disrupted.put(podName, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    // The budget's resourceVersion is the precondition: two evictions never spend one disruption.
    return store
        .update(
            budgets,
            pdb.path("metadata").path("namespace").asText(),
            pdbName,
            Subresource.STATUS,
            spent)
        .replaceWithVoid();
  }

  private static boolean selects(ObjectNode pdb, Map<String, String> labels) {
    JsonNode selector = pdb.path("spec").get("selector");
    if (selector == null || selector.isNull()) {
      return false; // policy/v1: no selector selects no pods
    }
    return LabelSelector.parse(Subresource.selectorString(selector)).matches(labels);
  }

  private static void requireSameName(ObjectNode body, String name, String kind) {
    String bodyName = body.path("metadata").path("name").asText("");
    if (!bodyName.equals(name)) {
      throw Status.badRequest("name in URL does not match name in " + kind + " object")
          .asException();
    }
  }

  private static RuntimeException conflict(String name, String why) {
    return Status.conflict("", "pods/binding", name, why).asException();
  }

  // kubectl drain shows this message and retries; the budget's numbers are in the log line.
  private static RuntimeException tooManyRequests(String why) {
    LOG.debugf("eviction refused: %s", why);
    return new Status(
            429,
            "TooManyRequests",
            "Cannot evict pod as it would violate the pod's disruption budget.",
            new Status.Details(null, null, null, null, 0))
        .asException();
  }
}
