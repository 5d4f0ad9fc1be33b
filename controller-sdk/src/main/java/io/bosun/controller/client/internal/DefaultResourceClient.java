package io.bosun.controller.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.client.ResourceList;
import io.bosun.controller.client.WatchEvent;
import io.fabric8.kubernetes.api.model.CreateOptions;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.UpdateOptions;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The operations on one kind over an {@link HttpTransport}. */
final class DefaultResourceClient<T> implements ResourceClient<T> {
  private static final String JSON = "application/json";

  private final HttpTransport transport;
  private final ResourceDescriptor<T> descriptor;
  private final Paths paths;

  DefaultResourceClient(HttpTransport transport, ResourceDescriptor<T> descriptor) {
    this.transport = transport;
    this.descriptor = descriptor;
    this.paths = new Paths(descriptor);
  }

  @Override
  public ResourceDescriptor<T> descriptor() {
    return descriptor;
  }

  @Override
  public Uni<T> get(String namespace, String name) {
    String path = paths.object(namespace, name, null);
    return transport.send(ApiRequest.of(HttpMethod.GET, path, List.of())).map(descriptor::read);
  }

  @Override
  public Uni<ResourceList<T>> list(String namespace, ListOptions options) {
    Objects.requireNonNull(options, "options");
    String path = paths.collection(namespace);
    ApiRequest request = ApiRequest.of(HttpMethod.GET, path, Paths.listQuery(options, false));
    return transport.send(request).map(this::readList);
  }

  private ResourceList<T> readList(byte[] body) {
    JsonNode list = readTree(body);
    List<T> items = new ArrayList<>();
    for (JsonNode item : list.path("items")) {
      if (item instanceof ObjectNode object) {
        items.add(descriptor.fromTree(withType(object)));
      }
    }
    JsonNode meta = list.path("metadata");
    String next = meta.path("continue").asText("");
    return new ResourceList<>(
        items,
        meta.path("resourceVersion").asText(""),
        next.isEmpty() ? Optional.empty() : Optional.of(next),
        meta.hasNonNull("remainingItemCount")
            ? Optional.of(meta.get("remainingItemCount").asLong())
            : Optional.empty());
  }

  @Override
  public Multi<WatchEvent<T>> watch(String namespace, ListOptions options) {
    Objects.requireNonNull(options, "options");
    String path = paths.collection(namespace);
    ApiRequest request = ApiRequest.of(HttpMethod.GET, path, Paths.listQuery(options, true));
    return transport
        .streamLines(request)
        .filter(line -> line.length() > 0)
        .map(line -> readEvent(line.getBytes()));
  }

  private WatchEvent<T> readEvent(byte[] line) {
    JsonNode event = readTree(line);
    String type = event.path("type").asText("");
    JsonNode object = event.path("object");
    if ("ERROR".equals(type)) {
      throw Errors.fromStatusNode(object);
    }
    if (!(object instanceof ObjectNode tree)) {
      throw new IllegalStateException("watch event without an object: " + event);
    }
    WatchEvent.Type eventType;
    try {
      eventType = WatchEvent.Type.valueOf(type);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("unknown watch event type: " + type);
    }
    String rv = tree.path("metadata").path("resourceVersion").asText("");
    return new WatchEvent<>(eventType, descriptor.fromTree(withType(tree)), rv);
  }

  @Override
  public Uni<T> create(T object, CreateOptions options) {
    Objects.requireNonNull(options, "options");
    ObjectNode tree = descriptor.toTree(object);
    String path = paths.collection(namespaceOf(tree, true));
    var query =
        Paths.writeQuery(
            options.getDryRun(), options.getFieldManager(), options.getFieldValidation(), null);
    return write(HttpMethod.POST, path, query, JSON, bytes(tree));
  }

  @Override
  public Uni<T> update(T object, UpdateOptions options) {
    Objects.requireNonNull(options, "options");
    ObjectNode tree = descriptor.toTree(object);
    String path = paths.object(namespaceOf(tree, true), nameOf(tree), null);
    var query =
        Paths.writeQuery(
            options.getDryRun(), options.getFieldManager(), options.getFieldValidation(), null);
    return write(HttpMethod.PUT, path, query, JSON, bytes(tree));
  }

  @Override
  public Uni<T> updateStatus(T object) {
    ObjectNode tree = descriptor.toTree(object);
    String path = paths.object(namespaceOf(tree, true), nameOf(tree), "status");
    return write(HttpMethod.PUT, path, List.of(), JSON, bytes(tree));
  }

  @Override
  public Uni<T> updateSubresource(String namespace, String name, String subresource, T object) {
    if (subresource == null || subresource.isEmpty() || subresource.contains("/")) {
      throw new IllegalArgumentException("not a subresource: " + subresource);
    }
    String path = paths.object(namespace, name, subresource);
    return write(HttpMethod.PUT, path, List.of(), JSON, bytes(descriptor.toTree(object)));
  }

  @Override
  public Uni<T> patch(String namespace, String name, Patch patch, PatchOptions options) {
    return patchAt(paths.object(namespace, name, null), patch, options).map(descriptor::read);
  }

  @Override
  public Uni<T> patchStatus(String namespace, String name, Patch patch, PatchOptions options) {
    return patchAt(paths.object(namespace, name, "status"), patch, options).map(descriptor::read);
  }

  private Uni<byte[]> patchAt(String path, Patch patch, PatchOptions options) {
    Objects.requireNonNull(patch, "patch");
    Objects.requireNonNull(options, "options");
    boolean apply = patch.type() == Patch.Type.APPLY;
    if (apply && (options.getFieldManager() == null || options.getFieldManager().isEmpty())) {
      throw new IllegalArgumentException("server-side apply needs a fieldManager in PatchOptions");
    }
    if (!apply && Boolean.TRUE.equals(options.getForce())) {
      throw new IllegalArgumentException("force is only allowed for server-side apply");
    }
    var query =
        Paths.writeQuery(
            options.getDryRun(),
            options.getFieldManager(),
            options.getFieldValidation(),
            options.getForce());
    return transport.send(
        ApiRequest.withBody(
            HttpMethod.PATCH, path, query, patch.type().contentType(), patch.body().getBytes()));
  }

  @Override
  public Uni<Void> delete(String namespace, String name, DeleteOptions options) {
    Objects.requireNonNull(options, "options");
    String path = paths.object(namespace, name, null);
    ObjectNode body = Json.MAPPER.valueToTree(options);
    body.put("kind", "DeleteOptions").put("apiVersion", "v1");
    return transport
        .send(ApiRequest.withBody(HttpMethod.DELETE, path, List.of(), JSON, bytes(body)))
        .replaceWithVoid();
  }

  @Override
  public Uni<Scale> getScale(String namespace, String name) {
    String path = paths.object(namespace, name, "scale");
    return transport
        .send(ApiRequest.of(HttpMethod.GET, path, List.of()))
        .map(DefaultResourceClient::readScale);
  }

  @Override
  public Uni<Scale> updateScale(String namespace, String name, Scale scale) {
    Objects.requireNonNull(scale, "scale");
    String path = paths.object(namespace, name, "scale");
    byte[] body = bytes(Json.MAPPER.valueToTree(scale));
    return transport
        .send(ApiRequest.withBody(HttpMethod.PUT, path, List.of(), JSON, body))
        .map(DefaultResourceClient::readScale);
  }

  @Override
  public Uni<Scale> patchScale(String namespace, String name, Patch patch) {
    return patchAt(paths.object(namespace, name, "scale"), patch, new PatchOptions())
        .map(DefaultResourceClient::readScale);
  }

  @Override
  public Uni<Void> post(String namespace, String name, String subresource, Object body) {
    Objects.requireNonNull(subresource, "subresource");
    Objects.requireNonNull(body, "body");
    if (subresource.isEmpty()) {
      throw new IllegalArgumentException("subresource must not be empty");
    }
    String path = paths.object(namespace, name, subresource);
    byte[] bytes = bytes(Json.MAPPER.valueToTree(body));
    return transport
        .send(ApiRequest.withBody(HttpMethod.POST, path, List.of(), JSON, bytes))
        .replaceWithVoid();
  }

  private Uni<T> write(
      HttpMethod method,
      String path,
      List<Map.Entry<String, String>> query,
      String contentType,
      byte[] body) {
    return transport
        .send(ApiRequest.withBody(method, path, query, contentType, body))
        .map(descriptor::read);
  }

  /** Sets kind and apiVersion where the server left them out (list items may lack them). */
  private ObjectNode withType(ObjectNode tree) {
    if (!tree.hasNonNull("kind")) {
      tree.put("kind", descriptor.kind());
    }
    if (!tree.hasNonNull("apiVersion")) {
      tree.put("apiVersion", descriptor.apiVersion());
    }
    return tree;
  }

  private String namespaceOf(ObjectNode tree, boolean required) {
    if (!descriptor.namespaced()) {
      return null;
    }
    String namespace = tree.path("metadata").path("namespace").asText("");
    if (namespace.isEmpty() && required) {
      throw new IllegalArgumentException(
          descriptor.kind() + " is namespaced: set metadata.namespace on the object");
    }
    return namespace;
  }

  private static String nameOf(ObjectNode tree) {
    String name = tree.path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("metadata.name is required");
    }
    return name;
  }

  private static JsonNode readTree(byte[] json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("the server sent invalid JSON: " + e.getMessage());
    }
  }

  private static byte[] bytes(JsonNode tree) {
    try {
      return Json.MAPPER.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Scale readScale(byte[] json) {
    try {
      return Json.MAPPER.readValue(json, Scale.class);
    } catch (IOException e) {
      throw new IllegalStateException("the server sent an invalid Scale: " + e.getMessage());
    }
  }
}
