package io.bosun.agent.node.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.ApiException;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The node's heartbeat: a coordination.k8s.io Lease named after the node in {@value #NAMESPACE},
 * held by the node and owned by its Node object, whose {@code renewTime} the agent moves forward
 * every heartbeat, as the kubelet's node lease controller does. The node lifecycle controller reads
 * it to tell a live node from a dead one.
 */
public final class NodeLease {
  /** The namespace of node leases. */
  public static final String NAMESPACE = "kube-node-lease";

  /** The Lease kind, read as JSON trees: only a few fields matter here. */
  public static final ResourceDescriptor<ObjectNode> LEASES =
      ResourceDescriptor.untyped("coordination.k8s.io/v1", "Lease", "leases", true);

  /** Kubernetes' MicroTime: RFC 3339 with six fraction digits. */
  static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

  private final ResourceClient<ObjectNode> leases;
  private final String nodeName;
  private final int durationSeconds;
  private final Clock clock;
  private volatile String nodeUid;
  private ObjectNode held;

  /** The lease of node {@code nodeName}. */
  public NodeLease(
      ResourceClient<ObjectNode> leases, String nodeName, int durationSeconds, Clock clock) {
    this.leases = leases;
    this.nodeName = nodeName;
    this.durationSeconds = durationSeconds;
    this.clock = clock;
  }

  /** The UID of the Node, which becomes the Lease's owner. */
  public void ownerUid(String uid) {
    this.nodeUid = uid;
  }

  /**
   * Renews the lease: an update of the copy last written, or, when there is none or it is stale, a
   * read of the current one (created if missing) and an update of that.
   */
  @CheckReturnValue
  public Uni<Void> renew() {
    ObjectNode last = held();
    Uni<ObjectNode> base = last != null ? Uni.createFrom().item(last) : current();
    return base.flatMap(this::update)
        .onFailure(e -> e instanceof ApiException && last != null)
        .recoverWithUni(() -> current().flatMap(this::update))
        .invoke(this::hold)
        .onFailure()
        .invoke(e -> hold(null))
        .replaceWithVoid();
  }

  private Uni<ObjectNode> current() {
    return leases
        .get(NAMESPACE, nodeName)
        .onFailure(NotFoundException.class)
        .recoverWithUni(() -> leases.create(fresh()));
  }

  private Uni<ObjectNode> update(ObjectNode lease) {
    ObjectNode renewed = lease.deepCopy();
    ObjectNode spec = renewed.get("spec") instanceof ObjectNode s ? s : renewed.putObject("spec");
    spec.put("holderIdentity", nodeName);
    spec.put("leaseDurationSeconds", durationSeconds);
    spec.put("renewTime", MICRO_TIME.format(clock.instant()));
    setOwner((ObjectNode) renewed.get("metadata"));
    return leases.update(renewed);
  }

  private ObjectNode fresh() {
    ObjectNode lease = JsonNodeFactory.instance.objectNode();
    lease.put("apiVersion", LEASES.apiVersion());
    lease.put("kind", LEASES.kind());
    ObjectNode metadata = lease.putObject("metadata");
    metadata.put("name", nodeName);
    metadata.put("namespace", NAMESPACE);
    setOwner(metadata);
    ObjectNode spec = lease.putObject("spec");
    spec.put("holderIdentity", nodeName);
    spec.put("leaseDurationSeconds", durationSeconds);
    spec.put("renewTime", MICRO_TIME.format(clock.instant()));
    return lease;
  }

  private void setOwner(ObjectNode metadata) {
    String uid = nodeUid;
    if (uid == null || metadata.has("ownerReferences")) {
      return;
    }
    metadata
        .putArray("ownerReferences")
        .addObject()
        .put("apiVersion", "v1")
        .put("kind", "Node")
        .put("name", nodeName)
        .put("uid", uid);
  }

  private synchronized ObjectNode held() {
    return held;
  }

  private synchronized void hold(ObjectNode lease) {
    held = lease;
  }
}
