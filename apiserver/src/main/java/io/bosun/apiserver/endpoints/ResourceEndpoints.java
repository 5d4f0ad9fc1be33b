package io.bosun.apiserver.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.auth.AccessReviews;
import io.bosun.apiserver.auth.UserInfo;
import io.bosun.apiserver.endpoints.internal.BodyReader;
import io.bosun.apiserver.endpoints.internal.Discovery;
import io.bosun.apiserver.endpoints.internal.Encoding;
import io.bosun.apiserver.endpoints.internal.Output;
import io.bosun.apiserver.endpoints.internal.Queries;
import io.bosun.apiserver.endpoints.internal.RequestInfo;
import io.bosun.apiserver.endpoints.internal.WriteOptions;
import io.bosun.apiserver.patch.PatchException;
import io.bosun.apiserver.patch.PatchType;
import io.bosun.apiserver.patch.Patches;
import io.bosun.apiserver.registry.DeleteRequest;
import io.bosun.apiserver.registry.GenericStore;
import io.bosun.apiserver.registry.Identity;
import io.bosun.apiserver.registry.KindRegistry;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.registry.Subresource;
import io.bosun.apiserver.storage.ListOptions;
import io.bosun.core.api.Status;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * The resource verbs under {@code /api/v1} and {@code /apis/{group}/{version}}: one handler per
 * verb after the path is parsed as kube-apiserver parses it. Watches never reach here: the watch
 * route streams them (see {@link ApiRoutes}).
 */
@Path("/")
public class ResourceEndpoints {
  @Inject KindRegistry registry;
  @Inject GenericStore store;
  @Inject Clock clock;
  @Inject AccessReviews reviews;

  @GET
  @Path("{root: apis?}/{rest: .+}")
  public Uni<Response> get(@Context UriInfo uri, @Context HttpHeaders headers) {
    RequestInfo info = parse("GET", uri);
    if (info.resource() == null) {
      return Uni.createFrom().item(groupVersionDiscovery(info));
    }
    ResourceType type = resolve(info);
    Function<String, String> query = uri.getQueryParameters()::getFirst;
    Output output =
        Output.negotiate(headers.getHeaderString(HttpHeaders.ACCEPT), query.apply("includeObject"));
    if (info.verb().equals("get")) {
      Subresource subresource = subresource(info);
      return store
          .get(type, info.namespace(), info.name())
          .map(
              object ->
                  Json.ok(
                      subresource == Subresource.MAIN
                          ? output.object(type, object, clock.instant())
                          : GenericStore.render(type, subresource, object)));
    }
    ListOptions options = Queries.list(type, info.namespace(), query);
    return store.list(type, options).map(page -> Json.ok(output.list(type, page, clock.instant())));
  }

  @POST
  @Path("{root: apis?}/{rest: .+}")
  public Uni<Response> create(
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      @Context RoutingContext routing,
      byte[] body) {
    RequestInfo info = parse("POST", uri);
    ResourceType type = resolve(info);
    WriteOptions options =
        WriteOptions.create(uri.getQueryParameters()::getFirst, userAgent(headers));
    ObjectNode object = decode(type, uri, headers, body);
    String namespace = info.namespace() == null ? "" : info.namespace();
    if (AccessReviews.isReview(type.group(), type.resource())) {
      return Uni.createFrom().item(() -> review(type, namespace, object, routing));
    }
    if (info.subresource() != null) {
      return store(uri)
          .post(type, namespace, info.name(), subresource(info), object)
          .map(done -> Json.status(201, Encoding.success(201)));
    }
    return store(uri)
        .create(type, namespace, object, options.manager())
        .map(created -> withWarnings(Json.status(201, created.json()), type, object, uri));
  }

  @PUT
  @Path("{root: apis?}/{rest: .+}")
  public Uni<Response> update(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
    RequestInfo info = parse("PUT", uri);
    ResourceType type = resolve(info);
    WriteOptions options =
        WriteOptions.update(uri.getQueryParameters()::getFirst, userAgent(headers));
    ObjectNode object = decode(type, uri, headers, body);
    Subresource subresource = subresource(info);
    return store(uri)
        .update(type, info.namespace(), info.name(), subresource, object, options.manager())
        .map(
            updated ->
                withWarnings(
                    Json.ok(GenericStore.render(type, subresource, updated)), type, object, uri));
  }

  @DELETE
  @Path("{root: apis?}/{rest: .+}")
  public Uni<Response> delete(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
    RequestInfo info = parse("DELETE", uri);
    ResourceType type = resolve(info);
    DeleteOptions options = DeleteOptions.parse(body, uri.getQueryParameters());
    if (info.name() == null) {
      return deleteCollection(type, info, uri, options.request(), store(options.dryRun()));
    }
    return store(options.dryRun())
        .delete(type, info.namespace(), info.name(), options.request())
        .map(deleted -> Json.ok(Encoding.deleted(type, deleted)));
  }

  /** Deletes every object a list with the same query would return; answers with them. */
  private Uni<Response> deleteCollection(
      ResourceType type,
      RequestInfo info,
      UriInfo uri,
      DeleteRequest request,
      GenericStore target) {
    ListOptions options = Queries.list(type, info.namespace(), uri.getQueryParameters()::getFirst);
    return target
        .deleteCollection(type, options, request)
        .map(deleted -> Json.ok(Encoding.list(type, deleted)));
  }

  @PATCH
  @Path("{root: apis?}/{rest: .+}")
  public Uni<Response> patch(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
    RequestInfo info = parse("PATCH", uri);
    ResourceType type = resolve(info);
    BodyReader.checkSize(body == null ? 0 : body.length);
    String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
    PatchType patchType =
        PatchType.of(contentType)
            .orElseThrow(() -> Status.unsupportedMediaType(contentType).asException());
    if (patchType == PatchType.STRATEGIC_MERGE && !type.acceptsStrategicMergePatch()) {
      throw new Status(
              415,
              "UnsupportedMediaType",
              "the body of the request was in an unknown format - accepted media types include:"
                  + " application/json-patch+json, application/merge-patch+json,"
                  + " application/apply-patch+yaml",
              null)
          .asException();
    }
    Subresource subresource = subresource(info);
    WriteOptions options =
        WriteOptions.patch(
            uri.getQueryParameters()::getFirst, userAgent(headers), patchType == PatchType.APPLY);
    String namespace = info.namespace() == null ? "" : info.namespace();
    if (patchType == PatchType.APPLY) {
      ObjectNode config = BodyReader.applyConfiguration(body);
      checkUnknownFields(type, uri, config);
      return store(uri)
          .apply(
              type, namespace, info.name(), subresource, config, options.manager(), options.force())
          .map(
              applied ->
                  withWarnings(
                      Json.status(
                          applied.created() ? 201 : 200,
                          GenericStore.render(type, subresource, applied.object())),
                      type,
                      config,
                      uri));
    }
    return store(uri)
        .patch(
            type,
            namespace,
            info.name(),
            subresource,
            options.manager(),
            current -> {
              try {
                return Patches.apply(patchType, subresource.kind(type), current, body);
              } catch (PatchException e) {
                throw (e.malformed()
                        ? Status.badRequest(e.getMessage())
                        : new Status(422, "Invalid", e.getMessage(), null))
                    .asException();
              }
            })
        .map(patched -> Json.ok(GenericStore.render(type, subresource, patched)));
  }

  /** Answers a review: not stored, so the same with or without {@code dryRun}. */
  private Response review(
      ResourceType type, String namespace, ObjectNode review, RoutingContext routing) {
    Identity.apply(type, namespace, review);
    UserInfo caller = routing.get(ApiRoutes.USER);
    ObjectNode answered = reviews.answer(type.resource(), namespace, review, caller);
    return Json.status(201, answered.toString());
  }

  /** The store for this request: the dry-run view when {@code dryRun=All} is asked for. */
  private GenericStore store(UriInfo uri) {
    return store(uri.getQueryParameters().getOrDefault("dryRun", List.of()));
  }

  private GenericStore store(List<String> dryRun) {
    if (dryRun.isEmpty()) {
      return store;
    }
    for (String value : dryRun) {
      if (!value.equals("All")) {
        throw Status.badRequest(
                "Invalid dry run option: dryRun: Unsupported value: \""
                    + value
                    + "\": supported values: \"All\"")
            .asException();
      }
    }
    return store.dryRun();
  }

  private RequestInfo parse(String method, UriInfo uri) {
    RequestInfo info =
        RequestInfo.parse(method, uri.getPath(), uri.getQueryParameters().getFirst("watch"));
    if (info == null) {
      throw Status.noSuchResource().asException();
    }
    return info;
  }

  /** Finds the resource type and checks scope, subresource and verb. */
  private ResourceType resolve(RequestInfo info) {
    if (info.resource() == null) {
      throw Status.methodNotSupported(info.group(), "", info.verb()).asException();
    }
    ResourceType type =
        registry
            .find(info.group(), info.version(), info.resource())
            .orElseThrow(() -> Status.noSuchResource().asException());
    boolean collection = info.name() == null;
    boolean namedVerb = List.of("get", "update", "patch", "delete").contains(info.verb());
    if (info.subresource() != null) {
      if (!type.subresources().contains(info.subresource())
          || (!type.namespaced() && info.namespace() != null)
          || (type.namespaced() && info.namespace() == null)) {
        throw Status.noSuchResource().asException();
      }
      if (!subresource(info).verbs().contains(info.verb())) {
        throw Status.methodNotSupported(
                type.group(), type.resource() + "/" + info.subresource(), info.verb())
            .asException();
      }
      return type;
    }
    if ((!type.namespaced() && info.namespace() != null)
        || (type.namespaced() && info.namespace() == null && !info.verb().equals("list"))
        || (collection && namedVerb)) {
      throw Status.noSuchResource().asException();
    }
    if (!type.supports(info.verb())) {
      throw Status.methodNotSupported(type.group(), type.resource(), info.verb()).asException();
    }
    return type;
  }

  private static Subresource subresource(RequestInfo info) {
    return Subresource.of(info.subresource())
        .orElseThrow(() -> Status.noSuchResource().asException());
  }

  private ObjectNode decode(ResourceType type, UriInfo uri, HttpHeaders headers, byte[] body) {
    ObjectNode object = BodyReader.object(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
    checkUnknownFields(type, uri, object);
    return object;
  }

  private static String userAgent(HttpHeaders headers) {
    return headers.getHeaderString(HttpHeaders.USER_AGENT);
  }

  /** Refuses unknown fields with 400 under {@code fieldValidation=Strict}. */
  private static void checkUnknownFields(ResourceType type, UriInfo uri, ObjectNode object) {
    if ("Strict".equals(uri.getQueryParameters().getFirst("fieldValidation"))) {
      List<String> unknown = BodyReader.unknownFields(type, object);
      if (!unknown.isEmpty()) {
        throw Status.badRequest(
                "strict decoding error: "
                    + String.join(
                        ", ", unknown.stream().map(f -> "unknown field \"" + f + "\"").toList()))
            .asException();
      }
    }
  }

  /** Adds a {@code Warning} header per unknown field under {@code fieldValidation=Warn}. */
  private static Response withWarnings(
      Response response, ResourceType type, ObjectNode object, UriInfo uri) {
    String validation = uri.getQueryParameters().getFirst("fieldValidation");
    if (validation != null && !validation.equals("Warn")) {
      return response;
    }
    List<String> unknown = BodyReader.unknownFields(type, object);
    if (unknown.isEmpty()) {
      return response;
    }
    Response.ResponseBuilder builder = Response.fromResponse(response);
    for (String field : unknown) {
      builder.header("Warning", ApiRoutes.warningHeader("unknown field \"" + field + "\""));
    }
    return builder.build();
  }

  private Response groupVersionDiscovery(RequestInfo info) {
    List<ResourceType> types = registry.groupVersion(info.group(), info.version());
    if (types.isEmpty() || info.namespace() != null) {
      throw Status.noSuchResource().asException();
    }
    String groupVersion =
        info.group().isEmpty() ? info.version() : info.group() + "/" + info.version();
    return Json.ok(Discovery.apiResourceList(types, groupVersion).toString());
  }
}
