package io.bosun.apiserver.endpoints.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.StorageException;
import io.bosun.core.api.Status;
import io.bosun.core.api.StatusException;
import io.bosun.core.selector.SelectorException;
import org.jboss.logging.Logger;

/** Turns any failure into the Kubernetes {@link Status} to answer with; the one place that does. */
public final class Errors {
  private static final Logger LOG = Logger.getLogger(Errors.class);

  /** Seconds a client should wait after a 504 for a resource version not yet reached. */
  public static final int RETRY_AFTER_SECONDS = 1;

  private Errors() {}

  /** Returns the status for a failure; logs (once, here) only failures that are bugs. */
  public static Status toStatus(Throwable failure) {
    Throwable e = unwrap(failure);
    if (e instanceof StatusException status) {
      return status.status();
    }
    if (e instanceof StorageException.NotFound notFound) {
      String[] r = split(notFound.key());
      return Status.notFound(r[1], r[0], notFound.key().name());
    }
    if (e instanceof StorageException.AlreadyExists exists) {
      String[] r = split(exists.key());
      return Status.alreadyExists(r[1], r[0], exists.key().name());
    }
    if (e instanceof StorageException.Conflict conflict) {
      String[] r = split(conflict.key());
      return Status.conflict(r[1], r[0], conflict.key().name(), conflict.getMessage());
    }
    if (e instanceof StorageException.Expired expired) {
      return Status.expired(
          "too old resource version: " + expired.requested() + " (" + expired.oldest() + ")");
    }
    if (e instanceof StorageException.TooLargeResourceVersion tooLarge) {
      return Status.timeout(
          "Too large resource version: "
              + tooLarge.requested()
              + ", current: "
              + tooLarge.current(),
          RETRY_AFTER_SECONDS);
    }
    if (e instanceof StorageException.Unavailable unavailable) {
      return Status.serviceUnavailable(
          "storage is unavailable: " + unavailable.getMessage(), RETRY_AFTER_SECONDS);
    }
    if (e instanceof StorageException.Invalid invalid) {
      return Status.badRequest(invalid.getMessage());
    }
    if (e instanceof SelectorException selector) {
      return Status.badRequest(selector.getMessage());
    }
    if (e instanceof JsonProcessingException json) {
      return Status.badRequest(
          "the body of the request could not be decoded: json parse error: "
              + json.getOriginalMessage());
    }
    LOG.error("internal error while serving a request", e);
    return Status.internalError(e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  /**
   * Splits {@code deployments.apps} into {@code [deployments, apps]}, {@code configmaps} into
   * {@code [configmaps, ""]}.
   */
  private static String[] split(ObjectKey key) {
    String resource = key.resource();
    int dot = resource.indexOf('.');
    return dot < 0
        ? new String[] {resource, ""}
        : new String[] {resource.substring(0, dot), resource.substring(dot + 1)};
  }

  private static Throwable unwrap(Throwable e) {
    Throwable current = e;
    while ((current instanceof java.util.concurrent.CompletionException
            || current instanceof io.smallrye.mutiny.CompositeException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
