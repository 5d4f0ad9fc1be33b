package io.bosun.apiserver.registry.internal;

import static io.bosun.apiserver.registry.Schemas.bool;
import static io.bosun.apiserver.registry.Schemas.bytes;
import static io.bosun.apiserver.registry.Schemas.kind;
import static io.bosun.apiserver.registry.Schemas.list;
import static io.bosun.apiserver.registry.Schemas.map;
import static io.bosun.apiserver.registry.Schemas.object;
import static io.bosun.apiserver.registry.Schemas.properties;
import static io.bosun.apiserver.registry.Schemas.string;
import static io.bosun.apiserver.registry.Schemas.stringMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.NameRule;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.registry.Subresource;
import java.util.List;

/** The core/v1 resources: one entry per kind, each with its strategy, schema and columns. */
public final class CoreKinds {
  private CoreKinds() {}

  /** Every core/v1 resource Bosun serves. */
  public static List<ResourceType> all() {
    // In the order kube-apiserver lists them: by plural name.
    return List.of(
        configMaps(),
        CoreWorkloadKinds.endpoints(),
        CoreClusterKinds.events(),
        CoreClusterKinds.limitRanges(),
        namespaces(),
        CoreClusterKinds.nodes(),
        CoreClusterKinds.persistentVolumeClaims(),
        CoreClusterKinds.persistentVolumes(),
        CoreWorkloadKinds.pods(),
        CoreWorkloadKinds.podTemplates(),
        CoreWorkloadKinds.replicationControllers(),
        CoreClusterKinds.resourceQuotas(),
        secrets(),
        CoreClusterKinds.serviceAccounts(),
        CoreWorkloadKinds.services());
  }

  static ResourceType namespaces() {
    ObjectNode spec = object("Spec of the namespace.");
    spec.set("properties", properties().set("finalizers", list("Finalizers.", string(""))));
    ObjectNode status = object("Status of the namespace.");
    status.set(
        "properties",
        properties()
            .<ObjectNode>set("phase", string("Active or Terminating."))
            .set("conditions", list("Conditions.", object(""))));
    return ResourceType.builder("", "v1", "Namespace", "namespaces")
        .shortNames("ns")
        .clusterScoped()
        .statusSubresource()
        .subresource(Subresource.FINALIZE)
        .nameRule(NameRule.DNS1123_LABEL)
        .strategy(new NamespaceStrategy())
        .schema(
            kind(
                "Namespace provides a scope for Names.",
                properties().<ObjectNode>set("spec", spec).set("status", status)))
        .columns(ClusterColumns.NAMESPACES)
        .build();
  }

  static ResourceType configMaps() {
    return ResourceType.builder("", "v1", "ConfigMap", "configmaps")
        .shortNames("cm")
        .strategy(new ConfigMapStrategy())
        .schema(
            kind(
                "ConfigMap holds configuration data for pods to consume.",
                properties()
                    .<ObjectNode>set("data", stringMap("Configuration data."))
                    .<ObjectNode>set("binaryData", map("Binary configuration data.", bytes("")))
                    .set("immutable", bool("Whether the data cannot be updated."))))
        .columns(ClusterColumns.CONFIG_MAPS)
        .build();
  }

  static ResourceType secrets() {
    return ResourceType.builder("", "v1", "Secret", "secrets")
        .strategy(new SecretStrategy())
        .schema(
            kind(
                "Secret holds secret data of a certain type.",
                properties()
                    .<ObjectNode>set("data", map("Secret data, base64-encoded.", bytes("")))
                    .<ObjectNode>set("stringData", stringMap("Write-only data as strings."))
                    .<ObjectNode>set("type", string("Used to facilitate programmatic handling."))
                    .set("immutable", bool("Whether the data cannot be updated."))))
        .columns(ClusterColumns.SECRETS)
        .build();
  }
}
