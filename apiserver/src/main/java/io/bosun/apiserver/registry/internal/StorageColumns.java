package io.bosun.apiserver.registry.internal;

import static io.bosun.apiserver.registry.internal.Columns.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.registry.TableColumn;
import java.util.ArrayList;
import java.util.List;

/** The tables of persistent volumes, their claims and storage classes. */
final class StorageColumns {
  private StorageColumns() {}

  /** The legacy annotation that still wins over spec.storageClassName, as in kube's printers. */
  private static final String BETA_CLASS = "volume.beta.kubernetes.io/storage-class";

  static final List<TableColumn> VOLUMES =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "Capacity",
              "string",
              "The storage capacity of the volume.",
              o -> quantity(o.at("/spec/capacity/storage"))),
          TableColumn.of(
              "Access Modes",
              "string",
              "The ways the volume can be mounted.",
              o -> accessModes(o.at("/spec/accessModes"))),
          TableColumn.of(
              "Reclaim Policy",
              "string",
              "What happens to the volume when released from its claim.",
              o -> text(o, "/spec/persistentVolumeReclaimPolicy")),
          TableColumn.of("Status", "string", "The phase of the volume.", StorageColumns::phase),
          TableColumn.of(
              "Claim",
              "string",
              "The claim bound to the volume.",
              o ->
                  o.at("/spec/claimRef").isObject()
                      ? text(o, "/spec/claimRef/namespace") + "/" + text(o, "/spec/claimRef/name")
                      : ""),
          TableColumn.of(
              "StorageClass", "string", "StorageClass of the pv", StorageColumns::className),
          volumeAttributesClass("pv"),
          TableColumn.of(
              "Reason",
              "string",
              "The reason the volume is in its phase.",
              o -> text(o, "/status/reason")),
          TableColumn.AGE,
          volumeMode());

  static final List<TableColumn> CLAIMS =
      List.of(
          TableColumn.NAME,
          TableColumn.of("Status", "string", "The phase of the claim.", StorageColumns::phase),
          TableColumn.of(
              "Volume",
              "string",
              "The volume bound to the claim.",
              o -> text(o, "/spec/volumeName")),
          TableColumn.of(
              "Capacity",
              "string",
              "The capacity of the bound volume.",
              o -> bound(o) ? quantity(o.at("/status/capacity/storage")) : ""),
          TableColumn.of(
              "Access Modes",
              "string",
              "The access modes of the bound volume.",
              o -> bound(o) ? accessModes(o.at("/status/accessModes")) : ""),
          TableColumn.of(
              "StorageClass", "string", "StorageClass of the pvc", StorageColumns::className),
          volumeAttributesClass("pvc"),
          TableColumn.AGE,
          volumeMode());

  static final List<TableColumn> STORAGE_CLASSES =
      List.of(
          new TableColumn(
              "Name",
              "string",
              "name",
              "Name must be unique within a namespace.",
              0,
              o -> text(o, "/metadata/name") + (isDefault(o) ? " (default)" : "")),
          TableColumn.of(
              "Provisioner",
              "string",
              "The provisioner of the class.",
              o -> text(o, "/provisioner")),
          TableColumn.of(
              "ReclaimPolicy",
              "string",
              "The reclaim policy of the volumes the class provisions.",
              o -> o.path("reclaimPolicy").asText("Delete")),
          TableColumn.of(
              "VolumeBindingMode",
              "string",
              "When volumes are bound and provisioned.",
              o -> o.path("volumeBindingMode").asText("Immediate")),
          TableColumn.of(
              "AllowVolumeExpansion",
              "string",
              "Whether volumes of the class can be expanded.",
              o -> o.path("allowVolumeExpansion").asBoolean(false)),
          TableColumn.AGE);

  private static TableColumn volumeAttributesClass(String of) {
    return TableColumn.of(
        "VolumeAttributesClass",
        "string",
        "VolumeAttributesClass of the " + of,
        o -> o.at("/spec/volumeAttributesClassName").asText(Columns.UNSET));
  }

  private static TableColumn volumeMode() {
    return TableColumn.wide(
        "VolumeMode",
        "string",
        "Whether the volume is a filesystem or a raw block device.",
        o -> o.at("/spec/volumeMode").asText(Columns.UNSET));
  }

  private static String phase(JsonNode object) {
    return object.at("/metadata/deletionTimestamp").isTextual()
        ? "Terminating"
        : text(object, "/status/phase");
  }

  private static boolean bound(JsonNode claim) {
    return !text(claim, "/spec/volumeName").isEmpty();
  }

  private static String className(JsonNode object) {
    JsonNode annotation = object.at("/metadata/annotations").path(BETA_CLASS);
    return annotation.isTextual() ? annotation.asText() : text(object, "/spec/storageClassName");
  }

  private static boolean isDefault(JsonNode storageClass) {
    JsonNode annotations = storageClass.at("/metadata/annotations");
    return annotations.path("storageclass.kubernetes.io/is-default-class").asText("").equals("true")
        || annotations
            .path("storageclass.beta.kubernetes.io/is-default-class")
            .asText("")
            .equals("true");
  }

  /** Access modes in kube's fixed order and short names: RWO, ROX, RWX, RWOP. */
  private static String accessModes(JsonNode modes) {
    List<String> present = new ArrayList<>();
    modes.forEach(mode -> present.add(mode.asText()));
    List<String> shown = new ArrayList<>();
    String[][] names = {
      {"ReadWriteOnce", "RWO"},
      {"ReadOnlyMany", "ROX"},
      {"ReadWriteMany", "RWX"},
      {"ReadWriteOncePod", "RWOP"}
    };
    for (String[] name : names) {
      if (present.contains(name[0])) {
        shown.add(name[1]);
      }
    }
    return String.join(",", shown);
  }

  /** A storage quantity as written, or 0 when absent as a zero Quantity prints. */
  private static String quantity(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? "0" : value.asText();
  }
}
