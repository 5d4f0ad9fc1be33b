package io.bosun.apiserver.endpoints.internal.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts a Kubernetes protobuf message to its Kubernetes JSON form, field by field through the
 * message's descriptor: names as in the message (Kubernetes generates them from the JSON names),
 * only the fields that are set, maps as objects, repeated fields as arrays, {@code bytes} as
 * base64, and the special messages of apimachinery through {@link SpecialMessages}.
 */
final class MessageJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Fields of Go structs embedded with {@code json:",inline"}: protobuf nests them in a field of
   * their own, JSON puts their fields in the parent. Listed by field name and message type, since
   * the same types also appear as ordinary fields (a pod's {@code imagePullSecrets}).
   */
  private static final Set<String> INLINE_FIELDS =
      Set.of(
          "localObjectReference:k8s.io.api.core.v1.LocalObjectReference",
          "ephemeralContainerCommon:k8s.io.api.core.v1.EphemeralContainerCommon",
          "persistentVolumeSource:k8s.io.api.core.v1.PersistentVolumeSource",
          "volumeSource:k8s.io.api.core.v1.VolumeSource",
          "handler:k8s.io.api.core.v1.ProbeHandler",
          "ingressRuleValue:k8s.io.api.networking.v1.IngressRuleValue");

  /**
   * Go's non-pointer fields are written by Kubernetes' protobuf encoder even when they hold the
   * zero value, which in Go means unset: a typed client's Deployment carries {@code strategy.type:
   * ""} and {@code paused: false}. Its JSON encoder drops them ({@code omitempty}), and defaulting
   * checks for the zero value. An empty string is dropped everywhere except in the few pointer
   * fields where it means something; a zero number or false only in the non-pointer fields listed
   * here, since most numbers and booleans in these kinds are pointers whose zero is a choice
   * ({@code replicas: 0}, {@code automountServiceAccountToken: false}).
   */
  private static final Set<String> ZERO_IS_UNSET =
      Set.of(
          "ObjectMeta.generation",
          "Container.stdin",
          "Container.stdinOnce",
          "Container.tty",
          "EphemeralContainerCommon.stdin",
          "EphemeralContainerCommon.stdinOnce",
          "EphemeralContainerCommon.tty",
          "ContainerPort.hostPort",
          "DeploymentSpec.minReadySeconds",
          "DeploymentSpec.paused",
          "PodSpec.hostIPC",
          "PodSpec.hostNetwork",
          "PodSpec.hostPID",
          "Probe.failureThreshold",
          "Probe.initialDelaySeconds",
          "Probe.periodSeconds",
          "Probe.successThreshold",
          "Probe.timeoutSeconds",
          "VolumeMount.readOnly",
          "PriorityClass.globalDefault",
          "ServicePort.nodePort",
          "ServiceSpec.healthCheckNodePort",
          "ServiceSpec.publishNotReadyAddresses",
          "ServiceBackendPort.number",
          "ContainerStateTerminated.signal");

  /** Pointer strings whose empty value is a choice: "" is no storage class, not the default. */
  private static final Set<String> EMPTY_STRING_IS_SET = Set.of("storageClassName");

  private MessageJson() {}

  /**
   * Returns the JSON for {@code message}: an object, or for the special messages the scalar they
   * stand for.
   *
   * @throws IllegalArgumentException when an embedded JSON document does not parse
   */
  static JsonNode convert(Message message) {
    JsonNode special = SpecialMessages.convert(message);
    if (special != null) {
      return special;
    }
    ObjectNode object = NODES.objectNode();
    writeFields(message, object);
    return object;
  }

  private static void writeFields(Message message, ObjectNode object) {
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      Object value = entry.getValue();
      if (isUnsetZero(message, field, value)) {
        continue;
      }
      if (field.isMapField()) {
        object.set(field.getName(), map(field, value));
      } else if (field.isRepeated()) {
        ArrayNode array = object.putArray(field.getName());
        for (Object item : (List<?>) value) {
          array.add(single(field, item));
        }
      } else if (isInline(field)) {
        writeFields((Message) value, object);
      } else {
        object.set(field.getName(), single(field, value));
      }
    }
  }

  private static ObjectNode map(FieldDescriptor field, Object value) {
    FieldDescriptor keyField = field.getMessageType().findFieldByName("key");
    FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
    ObjectNode map = NODES.objectNode();
    for (Object item : (List<?>) value) {
      Message entry = (Message) item;
      map.set(
          String.valueOf(entry.getField(keyField)), single(valueField, entry.getField(valueField)));
    }
    return map;
  }

  private static JsonNode single(FieldDescriptor field, Object value) {
    return switch (field.getJavaType()) {
      case MESSAGE -> convert((Message) value);
      case STRING -> NODES.textNode((String) value);
      case BYTE_STRING ->
          NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case INT -> NODES.numberNode((Integer) value);
      case LONG -> NODES.numberNode((Long) value);
      case FLOAT -> NODES.numberNode((Float) value);
      case DOUBLE -> NODES.numberNode((Double) value);
      case ENUM -> NODES.textNode(((EnumValueDescriptor) value).getName());
    };
  }

  private static boolean isInline(FieldDescriptor field) {
    return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && INLINE_FIELDS.contains(field.getName() + ":" + field.getMessageType().getFullName());
  }

  private static boolean isUnsetZero(Message message, FieldDescriptor field, Object value) {
    if (field.isRepeated()) {
      return false;
    }
    if (value instanceof String text) {
      return text.isEmpty() && !EMPTY_STRING_IS_SET.contains(field.getName());
    }
    boolean zero =
        (value instanceof Boolean flag && !flag)
            || (value instanceof Integer number && number == 0)
            || (value instanceof Long number && number == 0L);
    return zero
        && (ZERO_IS_UNSET.contains(message.getDescriptorForType().getName() + "." + field.getName())
            || field.getName().equals("readOnly") && isVolumeSource(message));
  }

  /**
   * The in-tree volume sources: their {@code readOnly} is a plain bool, false when unset (CSI's is
   * a pointer, but its false is also the default, so dropping it changes nothing).
   */
  private static boolean isVolumeSource(Message message) {
    return message.getDescriptorForType().getName().endsWith("VolumeSource");
  }
}
