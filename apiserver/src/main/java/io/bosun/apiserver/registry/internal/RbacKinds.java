package io.bosun.apiserver.registry.internal;

import io.bosun.apiserver.registry.NameRule;
import io.bosun.apiserver.registry.ResourceType;
import java.util.List;

/** The rbac.authorization.k8s.io/v1 kinds: roles, cluster roles and their bindings. */
public final class RbacKinds {
  private static final String GROUP = "rbac.authorization.k8s.io";

  private RbacKinds() {}

  /** The RBAC resources, in kube-apiserver's order. */
  public static List<ResourceType> all() {
    return List.of(
        ResourceType.builder(GROUP, "v1", "ClusterRoleBinding", "clusterrolebindings")
            .clusterScoped()
            .nameRule(NameRule.PATH_SEGMENT)
            .schema(binding("ClusterRoleBinding references a ClusterRole."))
            .columns(ClusterColumns.ROLE_BINDINGS)
            .build(),
        ResourceType.builder(GROUP, "v1", "ClusterRole", "clusterroles")
            .clusterScoped()
            .nameRule(NameRule.PATH_SEGMENT)
            .schema(
                KindSchemas.of(
                    "ClusterRole is a cluster level set of PolicyRules.",
                    "rules:array",
                    "aggregationRule"))
            .columns(Columns.DEFAULT)
            .build(),
        ResourceType.builder(GROUP, "v1", "RoleBinding", "rolebindings")
            .nameRule(NameRule.PATH_SEGMENT)
            .schema(binding("RoleBinding references a role within a namespace."))
            .columns(ClusterColumns.ROLE_BINDINGS)
            .build(),
        ResourceType.builder(GROUP, "v1", "Role", "roles")
            .nameRule(NameRule.PATH_SEGMENT)
            .schema(KindSchemas.of("Role is a namespaced set of PolicyRules.", "rules:array"))
            .columns(Columns.DEFAULT)
            .build());
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode binding(String description) {
    return KindSchemas.of(description, "subjects:array", "roleRef");
  }
}
