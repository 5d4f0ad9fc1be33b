package io.bosun.controller.informer.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.client.internal.Json;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.controller.informer.CacheTransforms;
import io.bosun.controller.informer.InformerOptions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Measures the heap an informer cache of ConfigMaps retains, against caching fabric8 objects or
 * JSON trees, and the cost of the decode our cache does on every read. Not a unit test: run it by
 * hand (docs/benchmarks.md has the command and the results).
 *
 * <p>Each ConfigMap has 1 KiB of data in 8 keys, two labels, a last-applied annotation and the
 * managedFields of two managers, as an object written by {@code kubectl apply} and then a
 * controller carries.
 */
public final class CacheFootprint {
  private static final int OBJECTS = 10_000;
  private static final Random RANDOM = new Random(42);
  private static final int READ_ROUNDS = 40;

  private CacheFootprint() {}

  public static void main(String[] args) throws Exception {
    int objects = args.length > 0 ? Integer.parseInt(args[0]) : OBJECTS;
    ObjectNode sample = configMap(0);
    int rawBytes = Json.MAPPER.writeValueAsBytes(sample).length;
    int strippedBytes =
        Json.MAPPER.writeValueAsBytes(CacheTransforms.STRIP_MANAGED_FIELDS.apply(sample.deepCopy()))
            .length;
    System.out.printf(
        "%d ConfigMaps; JSON per object: %d bytes as served, %d after the default transform%n",
        objects, rawBytes, strippedBytes);

    ResourceDescriptor<ConfigMap> descriptor = ResourceDescriptor.of(ConfigMap.class);
    measure(
        "fabric8 ConfigMap objects, as served", objects, i -> descriptor.fromTree(configMap(i)));
    measure(
        "fabric8 ConfigMap objects, transformed",
        objects,
        i -> descriptor.fromTree(CacheTransforms.STRIP_MANAGED_FIELDS.apply(configMap(i))));
    measure(
        "Jackson ObjectNode trees, transformed",
        objects,
        i -> CacheTransforms.STRIP_MANAGED_FIELDS.apply(configMap(i)));

    try (KubeClient client =
        KubeClient.create(ClusterConfig.builder(URI.create("http://127.0.0.1:1")).build())) {
      measureInformer(
          "Bosun informer cache (JSON bytes), as served",
          client,
          descriptor,
          objects,
          CacheTransforms.NONE);
      DefaultInformer<ConfigMap> informer =
          measureInformer(
              "Bosun informer cache (JSON bytes), transformed",
              client,
              descriptor,
              objects,
              CacheTransforms.STRIP_MANAGED_FIELDS);
      timeReads(informer, objects);
    }
  }

  private static void measure(String what, int objects, IntFunction<Object> make) {
    long before = usedAfterGc();
    List<Object> held = new ArrayList<>(objects);
    for (int i = 0; i < objects; i++) {
      held.add(make.apply(i));
    }
    report(what, before, objects, held);
  }

  private static DefaultInformer<ConfigMap> measureInformer(
      String what,
      KubeClient client,
      ResourceDescriptor<ConfigMap> descriptor,
      int objects,
      java.util.function.UnaryOperator<ObjectNode> transform) {
    long before = usedAfterGc();
    DefaultInformer<ConfigMap> informer =
        new DefaultInformer<>(
            client, descriptor, InformerOptions.builder().transform(transform).build(), false);
    // Feed it as the reflector does, a page at a time; it is never started, so nothing is sent.
    List<ObjectNode> page = new ArrayList<>();
    for (int i = 0; i < objects; i++) {
      page.add(configMap(i));
    }
    informer.replace(page, "100");
    page = null;
    report(what, before, objects, informer);
    return informer;
  }

  private static void report(String what, long before, int objects, Object held) {
    long after = usedAfterGc();
    System.out.printf(
        "%-48s %,12d bytes retained, %,7d bytes per object%n",
        what, after - before, (after - before) / objects);
    // Keep the structure alive until measured.
    if (held.hashCode() == 42) {
      System.out.print("");
    }
  }

  /** Reads every object again and again; reports the median of the last rounds, once warm. */
  private static void timeReads(DefaultInformer<ConfigMap> informer, int objects) {
    List<String> keys = informer.keys();
    List<Long> perRead = new ArrayList<>();
    for (int round = 0; round < READ_ROUNDS; round++) {
      long start = System.nanoTime();
      int found = 0;
      for (String key : keys) {
        int slash = key.indexOf('/');
        found +=
            informer.get(key.substring(0, slash), key.substring(slash + 1)).isPresent() ? 1 : 0;
      }
      perRead.add((System.nanoTime() - start) / found);
    }
    List<Long> warm = new ArrayList<>(perRead.subList(READ_ROUNDS - 10, READ_ROUNDS));
    warm.sort(null);
    System.out.printf(
        "get() of a cached ConfigMap, decoded from bytes: median %,d ns per read (best %,d ns),"
            + " over the last 10 of %d rounds of %d reads%n",
        warm.get(5), warm.get(0), READ_ROUNDS, objects);
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** A ConfigMap as a server serves it after {@code kubectl apply} and one controller update. */
  static ObjectNode configMap(int i) {
    ObjectNode cm = Json.MAPPER.createObjectNode();
    cm.put("apiVersion", "v1").put("kind", "ConfigMap");
    ObjectNode meta = cm.putObject("metadata");
    meta.put("name", "config-" + i).put("namespace", "ns-" + (i % 50));
    meta.put("uid", new java.util.UUID(RANDOM.nextLong(), RANDOM.nextLong()).toString());
    meta.put("resourceVersion", Integer.toString(1000 + i));
    meta.put("creationTimestamp", "2026-08-01T10:00:00Z");
    meta.putObject("labels").put("app", "web-" + (i % 20)).put("tier", "frontend");
    ObjectNode data = cm.putObject("data");
    for (int k = 0; k < 8; k++) {
      data.put("key-" + k, randomText(128));
    }
    ObjectNode applied = cm.deepCopy();
    ((ObjectNode) applied.get("metadata"))
        .remove(List.of("uid", "resourceVersion", "creationTimestamp"));
    meta.putObject("annotations").put(CacheTransforms.LAST_APPLIED_ANNOTATION, applied.toString());
    var managed = meta.putArray("managedFields");
    ObjectNode kubectl = managed.addObject();
    kubectl.put("apiVersion", "v1").put("fieldsType", "FieldsV1");
    kubectl.put("manager", "kubectl-client-side-apply").put("operation", "Update");
    kubectl.put("time", "2026-08-01T10:00:00Z");
    ObjectNode fields = kubectl.putObject("fieldsV1");
    ObjectNode fData = fields.putObject("f:data");
    data.fieldNames().forEachRemaining(key -> fData.putObject("f:" + key));
    ObjectNode fMeta = fields.putObject("f:metadata");
    fMeta.putObject("f:annotations").putObject(".");
    ((ObjectNode) fMeta.get("f:annotations"))
        .putObject("f:" + CacheTransforms.LAST_APPLIED_ANNOTATION);
    fMeta.putObject("f:labels").putObject(".");
    ((ObjectNode) fMeta.get("f:labels")).putObject("f:app");
    ObjectNode controller = managed.addObject();
    controller.put("apiVersion", "v1").put("fieldsType", "FieldsV1");
    controller.put("manager", "web-controller").put("operation", "Update");
    controller.put("time", "2026-08-01T10:05:00Z");
    controller
        .putObject("fieldsV1")
        .putObject("f:metadata")
        .putObject("f:labels")
        .putObject("f:tier");
    return cm;
  }

  private static String randomText(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return text.toString();
  }
}
