package io.bosun.apiserver.endpoints;

import io.bosun.apiserver.auth.Authenticator;
import io.bosun.apiserver.auth.Authorizer;
import io.bosun.apiserver.auth.UserInfo;
import io.bosun.apiserver.endpoints.internal.BodyReader;
import io.bosun.apiserver.endpoints.internal.Errors;
import io.bosun.apiserver.endpoints.internal.RequestInfo;
import io.bosun.apiserver.registry.KindRegistry;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.core.api.Status;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;

/**
 * The request filter chain in front of every endpoint, as Vert.x routes: body size limit, then
 * authentication, then authorization; and the watch route, which streams watches itself.
 */
@Singleton
public class ApiRoutes {
  /** Paths anyone may read, as Kubernetes' system:public-info-viewer role allows. */
  public static final Set<String> PUBLIC_PATHS =
      Set.of("/healthz", "/livez", "/readyz", "/version");

  /** The key under which the authenticated user is kept on the routing context. */
  public static final String USER = "bosun.user";

  /** Filters run before Quarkus's own routes (negative orders come first). */
  private static final int FILTER_ORDER = -1000;

  @Inject Authenticator authenticator;
  @Inject Authorizer authorizer;
  @Inject KindRegistry registry;
  @Inject Instance<WatchStreamer> watches;

  void install(@Observes Router router) {
    router.route().order(FILTER_ORDER).handler(this::filter);
    router.route().order(FILTER_ORDER + 1).handler(this::watchOrNext);
  }

  private void filter(RoutingContext ctx) {
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      try {
        BodyReader.checkSize(Long.parseLong(length.trim()));
      } catch (NumberFormatException e) {
        fail(ctx, Status.badRequest("invalid Content-Length"));
        return;
      } catch (RuntimeException e) {
        // The client may still be sending; close after the answer rather than read 3+ MiB.
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        fail(ctx, Errors.toStatus(e));
        return;
      }
    }
    String path = ctx.normalizedPath();
    if (PUBLIC_PATHS.contains(path)) {
      ctx.next();
      return;
    }
    Optional<UserInfo> user =
        authenticator.authenticate(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (user.isEmpty()) {
      fail(ctx, Status.unauthorized());
      return;
    }
    RequestInfo info =
        RequestInfo.parse(ctx.request().method().name(), path, ctx.request().getParam("watch"));
    Authorizer.Attributes attributes =
        info == null
            ? new Authorizer.Attributes(
                user.get(),
                ctx.request().method().name().toLowerCase(),
                null,
                null,
                null,
                null,
                path)
            : new Authorizer.Attributes(
                user.get(),
                info.verb(),
                info.group(),
                info.resource(),
                info.namespace(),
                info.name(),
                path);
    if (!authorizer.authorize(attributes)) {
      fail(
          ctx,
          Status.forbidden(
              "user \"" + user.get().name() + "\" cannot " + attributes.verb() + " " + path));
      return;
    }
    ctx.put(USER, user.get());
    if (info != null && info.resource() != null) {
      registry
          .find(info.group(), info.version(), info.resource())
          .map(ResourceType::deprecationWarning)
          .ifPresent(warning -> ctx.response().headers().add("Warning", warningHeader(warning)));
    }
    ctx.next();
  }

  /** A {@code Warning} header value as Kubernetes writes it: {@code 299 - "text"}. */
  static String warningHeader(String text) {
    return "299 - \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private void watchOrNext(RoutingContext ctx) {
    String method = ctx.request().method().name();
    if (!method.equals("GET")) {
      ctx.next();
      return;
    }
    RequestInfo info =
        RequestInfo.parse(method, ctx.normalizedPath(), ctx.request().getParam("watch"));
    if (info == null || !info.verb().equals("watch")) {
      ctx.next();
      return;
    }
    watches.get().stream(ctx, info);
  }

  /** Ends a request with a Status response. */
  static void fail(RoutingContext ctx, Status status) {
    if (status.details() != null && status.details().retryAfterSeconds() > 0) {
      ctx.response().putHeader("Retry-After", String.valueOf(status.details().retryAfterSeconds()));
    }
    ctx.response()
        .setStatusCode(status.code())
        .putHeader(HttpHeaders.CONTENT_TYPE, Json.TYPE)
        .end(status.toJson());
  }
}
