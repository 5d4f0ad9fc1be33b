package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Converts the objects of a resource served in versions whose fields differ (autoscaling/v1 and v2
 * horizontal pod autoscalers) between one stored form and each served version, as kube-apiserver
 * converts through its storage version. Resources without one store what was written and are served
 * with only {@code apiVersion} rewritten.
 */
public interface Conversion {
  /**
   * The stored form of {@code object}, written in its {@code apiVersion}. {@code stored} is the
   * stored object it replaces (null for a create): what {@code object}'s version cannot express is
   * kept from it, as Kubernetes keeps it in annotations of the older version.
   */
  ObjectNode toStorage(ObjectNode object, ObjectNode stored);

  /**
   * {@code stored} (a stored form, or an object stored before conversion existed) as {@code
   * apiVersion}.
   */
  ObjectNode toVersion(ObjectNode stored, String apiVersion);

  /**
   * The path in the stored form of a field a selector of this version names ({@code regarding.name}
   * of an events.k8s.io event is {@code involvedObject.name}). Defaults to the same path.
   */
  default String storedField(String path) {
    return path;
  }
}
