package io.bosun.controllers.endpoints;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import java.util.List;
import java.util.Objects;

/**
 * One endpoint of an EndpointSlice as the controller compares them: what it writes, read back the
 * same way whatever defaults the model classes fill in.
 *
 * @param address the pod's IPv4 address
 * @param ready whether the endpoint should get new traffic
 * @param serving whether the pod is ready, terminating or not
 * @param terminating whether the pod is being deleted
 * @param nodeName the pod's node, or null
 * @param hostname the pod's hostname under the Service, or null
 * @param pod the pod, or null for an endpoint that names none
 */
record SliceEndpoint(
    String address,
    boolean ready,
    boolean serving,
    boolean terminating,
    String nodeName,
    String hostname,
    PodRef pod) {

  /** The pod an endpoint stands for. */
  record PodRef(String namespace, String name, String uid) {}

  /** What identifies the endpoint across changes of its conditions: its pod, else its address. */
  String key() {
    return pod != null && pod.uid() != null ? pod.uid() : address;
  }

  /** The endpoint as written in a slice. */
  Endpoint toModel() {
    EndpointBuilder builder =
        new EndpointBuilder()
            .withAddresses(address)
            .withConditions(new EndpointConditions(ready, serving, terminating))
            .withNodeName(nodeName)
            .withHostname(hostname);
    if (pod != null) {
      builder.withTargetRef(
          new ObjectReferenceBuilder()
              .withKind("Pod")
              .withNamespace(pod.namespace())
              .withName(pod.name())
              .withUid(pod.uid())
              .build());
    }
    return builder.build();
  }

  /** An endpoint read from a slice. */
  static SliceEndpoint of(Endpoint endpoint) {
    EndpointConditions conditions = endpoint.getConditions();
    List<String> addresses = endpoint.getAddresses();
    ObjectReference ref = endpoint.getTargetRef();
    return new SliceEndpoint(
        addresses == null || addresses.isEmpty() ? "" : addresses.get(0),
        conditions != null && Boolean.TRUE.equals(conditions.getReady()),
        conditions != null && Boolean.TRUE.equals(conditions.getServing()),
        conditions != null && Boolean.TRUE.equals(conditions.getTerminating()),
        endpoint.getNodeName(),
        endpoint.getHostname(),
        ref == null ? null : new PodRef(ref.getNamespace(), ref.getName(), ref.getUid()));
  }

  /** Orders endpoints by address, so that a slice reads the same however it was built. */
  static int byAddress(SliceEndpoint a, SliceEndpoint b) {
    int order = a.address.compareTo(b.address);
    return order != 0 ? order : Objects.compare(a.key(), b.key(), String::compareTo);
  }
}
