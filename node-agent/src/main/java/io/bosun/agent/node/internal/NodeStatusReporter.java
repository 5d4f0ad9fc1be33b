package io.bosun.agent.node.internal;

import io.bosun.agent.AgentOptions;
import io.bosun.controller.client.AlreadyExistsException;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.Quantity;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Registers the agent's Node and keeps its status current, as the kubelet does: created with its
 * labels, capacity, addresses, node info and conditions; when it exists already (a restart), its
 * labels are brought in line and its status rewritten. Afterwards the status is written when a
 * condition differs from the Node as stored, and at least every {@link
 * AgentOptions#statusReportPeriod()}.
 *
 * <p>The comparison is with the stored Node, as the kubelet's, not with what this reporter last
 * sent: the node lifecycle controller sets Ready=Unknown while an agent is away, and a returning
 * agent must put Ready=True back at its next beat, not after the report period.
 */
public final class NodeStatusReporter {
  /** The version the agent reports as its kubelet version: the API level Bosun implements. */
  public static final String KUBELET_VERSION = "v1.32.0+bosun";

  private final ResourceClient<Node> nodes;
  private final AgentOptions options;
  private final NodeFacts facts;
  private final String runtimeType;
  private final Clock clock;
  private volatile int port;
  private List<NodeCondition> reported;
  private Instant reportedAt;
  private List<NodeCondition> stored;

  /**
   * A reporter for the node {@code options} describe.
   *
   * @param runtimeType the container runtime's ID scheme, for {@code containerRuntimeVersion}
   */
  public NodeStatusReporter(
      ResourceClient<Node> nodes,
      AgentOptions options,
      NodeFacts facts,
      String runtimeType,
      Clock clock) {
    this.nodes = nodes;
    this.options = options;
    this.facts = facts;
    this.runtimeType = runtimeType;
    this.clock = clock;
  }

  /** Sets the port of the agent's endpoint, reported as the kubelet endpoint. */
  public void port(int port) {
    this.port = port;
  }

  /** Creates the Node, or updates the existing one; completes with the stored Node. */
  @CheckReturnValue
  public Uni<Node> register() {
    Instant now = clock.instant();
    List<NodeCondition> conditions = conditions(now);
    Node desired =
        new NodeBuilder()
            .withNewMetadata()
            .withName(options.nodeName())
            .withLabels(labels())
            .withAnnotations(annotations())
            .endMetadata()
            .withNewSpec()
            .withPodCIDR(options.podCidr())
            .withPodCIDRs(options.podCidr())
            .endSpec()
            .withStatus(status(conditions))
            .build();
    return nodes
        .create(desired)
        .onFailure(AlreadyExistsException.class)
        .recoverWithUni(() -> reconcile(conditions))
        .invoke(node -> remember(conditions, now));
  }

  private Uni<Node> reconcile(List<NodeCondition> conditions) {
    Map<String, Object> metadata =
        Map.of("metadata", Map.of("labels", labels(), "annotations", annotations()));
    return nodes
        .patch(null, options.nodeName(), Patch.merge(metadata))
        .flatMap(ignored -> writeStatus(conditions));
  }

  /**
   * Takes note of the Node as the apiserver stores it (from an informer), which the next {@link
   * #report()} compares with.
   */
  public synchronized void observed(Node node) {
    stored = node.getStatus() == null ? null : node.getStatus().getConditions();
  }

  /**
   * Measures the node and writes its status if a condition differs from the stored Node's (or, not
   * seen yet, from what was last written) or the report period passed.
   */
  @CheckReturnValue
  public Uni<Void> report() {
    Instant now = clock.instant();
    List<NodeCondition> conditions = conditions(now);
    boolean due =
        reportedAt == null
            || !NodeConditions.sameStatuses(conditions, last())
            || !Duration.between(reportedAt, now).minus(options.statusReportPeriod()).isNegative();
    if (!due) {
      return Uni.createFrom().voidItem();
    }
    return writeStatus(conditions).invoke(node -> remember(conditions, now)).replaceWithVoid();
  }

  private Uni<Node> writeStatus(List<NodeCondition> conditions) {
    return nodes.patchStatus(
        null,
        options.nodeName(),
        Patch.merge(Map.of("status", status(conditions))),
        new PatchOptions());
  }

  private synchronized void remember(List<NodeCondition> conditions, Instant now) {
    reported = conditions;
    reportedAt = now;
  }

  /** The conditions on the server as far as this agent knows: observed, else written. */
  private synchronized List<NodeCondition> last() {
    return stored != null ? stored : reported;
  }

  private List<NodeCondition> conditions(Instant now) {
    // Transition times carry over from the stored conditions, so Unknown -> True is a transition.
    return NodeConditions.of(NodeConditions.measure(options.dataDir()), last(), now);
  }

  private Map<String, String> labels() {
    Map<String, String> labels = new TreeMap<>();
    labels.put("kubernetes.io/hostname", options.nodeName());
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", facts.architecture());
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("beta.kubernetes.io/arch", facts.architecture());
    return labels;
  }

  private static Map<String, String> annotations() {
    return Map.of(
        "node.alpha.kubernetes.io/ttl", "0",
        "volumes.kubernetes.io/controller-managed-attach-detach", "true");
  }

  private NodeStatus status(List<NodeCondition> conditions) {
    Map<String, Quantity> capacity = new TreeMap<>();
    capacity.put("cpu", new Quantity(Integer.toString(facts.cpus())));
    capacity.put("memory", new Quantity(facts.memoryBytes() / 1024 + "Ki"));
    capacity.put("pods", new Quantity(Integer.toString(options.maxPods())));
    capacity.put("ephemeral-storage", new Quantity(Long.toString(facts.storageBytes())));
    return new NodeStatusBuilder()
        .withCapacity(capacity)
        .withAllocatable(capacity)
        .withConditions(conditions)
        .withAddresses(
            new NodeAddress(options.nodeIP(), "InternalIP"),
            new NodeAddress(options.nodeName(), "Hostname"))
        .withNewDaemonEndpoints()
        .withNewKubeletEndpoint(port)
        .endDaemonEndpoints()
        .withNewNodeInfo()
        .withArchitecture(facts.architecture())
        .withOperatingSystem("linux")
        .withOsImage(facts.osImage())
        .withKernelVersion(facts.kernelVersion())
        .withMachineID(facts.machineID())
        .withSystemUUID(facts.systemUUID())
        .withBootID(facts.bootID())
        .withContainerRuntimeVersion(runtimeType + "://" + KUBELET_VERSION.substring(1))
        .withKubeletVersion(KUBELET_VERSION)
        .withKubeProxyVersion("")
        .endNodeInfo()
        .build();
  }
}
