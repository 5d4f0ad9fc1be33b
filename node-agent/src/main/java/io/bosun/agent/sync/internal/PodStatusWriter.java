package io.bosun.agent.sync.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.agent.pod.PodEvent;
import io.bosun.agent.pod.PodStatusListener;
import io.bosun.agent.pod.PodStatusUpdate;
import io.bosun.controller.client.ApiException;
import io.bosun.controller.client.ApiUnreachableException;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.queue.Scheduler;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Writes what the pod runtime reports to the apiserver, as the kubelet's status manager does: each
 * status through the pod's {@code status} subresource, only while the stored pod still has the UID
 * the status is for; and, once a pod being deleted has stopped, the final deletion with grace
 * period 0. Writes for one pod go one at a time; a newer status replaces one still waiting, and a
 * write the apiserver could not take (unreachable, 429, 5xx) is retried with the newest status.
 */
public final class PodStatusWriter implements PodStatusListener {
  private static final Logger LOG = Logger.getLogger(PodStatusWriter.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The wait before a failed write is tried again. Defaults to 1 s. */
  static final Duration RETRY_DELAY = Duration.ofSeconds(1);

  private final ResourceClient<Pod> pods;
  private final EventRecorder events;
  private final Scheduler scheduler;
  private final Map<String, Slot> slots = new HashMap<>();
  private volatile boolean closed;

  /** A writer through {@code pods}, recording events with {@code events}. */
  public PodStatusWriter(ResourceClient<Pod> pods, EventRecorder events, Scheduler scheduler) {
    this.pods = pods;
    this.events = events;
    this.scheduler = scheduler;
  }

  /** One pod's writes: the one in flight and the newest waiting. */
  private static final class Slot {
    boolean writing;
    PodStatusUpdate waiting;
  }

  @Override
  public void onStatus(PodStatusUpdate update) {
    synchronized (slots) {
      Slot slot = slots.computeIfAbsent(update.uid(), uid -> new Slot());
      slot.waiting = update;
      if (slot.writing) {
        return;
      }
      slot.writing = true;
    }
    next(update.uid());
  }

  @Override
  public void onEvent(PodEvent event) {
    events.pod(event);
  }

  /** Stops writing; writes in flight finish. */
  public void close() {
    closed = true;
  }

  private void next(String uid) {
    PodStatusUpdate update;
    synchronized (slots) {
      Slot slot = slots.get(uid);
      update = slot.waiting;
      slot.waiting = null;
      if (update == null || closed) {
        slots.remove(uid);
        return;
      }
    }
    write(update)
        .subscribe()
        .with(
            done -> next(uid),
            failure -> {
              if (retriable(failure)) {
                LOG.debugf("status of pod %s not written, retrying: %s", uid, failure.getMessage());
                requeue(update);
                scheduler.schedule(RETRY_DELAY, () -> next(uid));
              } else {
                // The pod is gone, or replaced by one of the same name: its status is moot.
                LOG.debugf("status of pod %s dropped: %s", uid, failure.getMessage());
                next(uid);
              }
            });
  }

  /** Puts a failed update back unless a newer one is waiting. */
  private void requeue(PodStatusUpdate update) {
    synchronized (slots) {
      Slot slot = slots.get(update.uid());
      if (slot.waiting == null) {
        slot.waiting = update;
      }
    }
  }

  private Uni<Void> write(PodStatusUpdate update) {
    Uni<Void> status =
        pods.patchStatus(update.namespace(), update.name(), statusPatch(update), new PatchOptions())
            .replaceWithVoid();
    if (!update.deletable()) {
      return status;
    }
    var options =
        new DeleteOptionsBuilder()
            .withGracePeriodSeconds(0L)
            .withNewPreconditions()
            .withUid(update.uid())
            .endPreconditions()
            .build();
    return status.flatMap(
        written ->
            pods.delete(update.namespace(), update.name(), options)
                .onFailure(NotFoundException.class)
                .recoverWithNull());
  }

  /**
   * A JSON patch that first tests the pod's UID (the kubelet's precondition), then sets each field
   * of the status the runtime computed, leaving fields others own (such as nominatedNodeName).
   */
  static Patch statusPatch(PodStatusUpdate update) {
    ArrayNode operations = MAPPER.createArrayNode();
    operations
        .addObject()
        .put("op", "test")
        .put("path", "/metadata/uid")
        .put("value", update.uid());
    ObjectNode status = MAPPER.valueToTree(update.status());
    for (Iterator<Map.Entry<String, JsonNode>> it = status.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isNull()
          || field.getValue().isContainerNode() && field.getValue().isEmpty()) {
        continue; // the model's unset fields: nothing the runtime says
      }
      operations
          .addObject()
          .put("op", "add")
          .put("path", "/status/" + field.getKey())
          .set("value", field.getValue());
    }
    return Patch.json(operations);
  }

  private static boolean retriable(Throwable failure) {
    if (failure instanceof ApiUnreachableException) {
      return true;
    }
    return failure instanceof ApiException api && (api.code() == 429 || api.code() >= 500);
  }
}
