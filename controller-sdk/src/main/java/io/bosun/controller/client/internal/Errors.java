package io.bosun.controller.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.controller.client.AlreadyExistsException;
import io.bosun.controller.client.ApiException;
import io.bosun.controller.client.ApiUnreachableException;
import io.bosun.controller.client.ConflictException;
import io.bosun.controller.client.ForbiddenException;
import io.bosun.controller.client.GoneException;
import io.bosun.controller.client.InvalidException;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.UnauthorizedException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns failed responses into typed exceptions and transport failures into one clear message. */
public final class Errors {
  private static final int MAX_BODY_IN_MESSAGE = 300;

  private Errors() {}

  /** The exception for a non-2xx answer, from its Status body or, failing that, its text. */
  public static ApiException fromResponse(int code, byte[] body) {
    Status status = parseStatus(body);
    if (status == null) {
      String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
      if (text.length() > MAX_BODY_IN_MESSAGE) {
        text = text.substring(0, MAX_BODY_IN_MESSAGE) + "...";
      }
      status =
          new StatusBuilder()
              .withStatus("Failure")
              .withCode(code)
              .withReason(reasonOf(code))
              .withMessage(text.isEmpty() ? "HTTP " + code : text)
              .build();
    } else if (status.getCode() == null || status.getCode() == 0) {
      status.setCode(code);
    }
    return fromStatus(status);
  }

  /** The exception for a failure Status (an answer's body or a watch's ERROR event). */
  public static ApiException fromStatus(Status status) {
    int code = status.getCode() == null ? 0 : status.getCode();
    String reason = status.getReason() == null ? "" : status.getReason();
    return switch (code) {
      case 401 -> new UnauthorizedException(status);
      case 403 -> new ForbiddenException(status);
      case 404 -> new NotFoundException(status);
      case 409 ->
          "AlreadyExists".equals(reason)
              ? new AlreadyExistsException(status)
              : new ConflictException(status);
      case 410 -> new GoneException(status);
      case 422 -> new InvalidException(status);
      default -> new ApiException(status);
    };
  }

  /** Reads a Status from a watch ERROR event's object. */
  public static ApiException fromStatusNode(JsonNode node) {
    try {
      return fromStatus(Json.MAPPER.treeToValue(node, Status.class));
    } catch (IOException | IllegalArgumentException e) {
      return fromResponse(500, node.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Status parseStatus(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      if (node != null && "Status".equals(node.path("kind").asText())) {
        return Json.MAPPER.treeToValue(node, Status.class);
      }
    } catch (IOException e) {
      // Not JSON: the caller reports the text.
    }
    return null;
  }

  private static String reasonOf(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 415 -> "UnsupportedMediaType";
      case 422 -> "Invalid";
      case 429 -> "TooManyRequests";
      case 503 -> "ServiceUnavailable";
      case 504 -> "Timeout";
      default -> code >= 500 ? "InternalError" : "Unknown";
    };
  }

  /**
   * The one-line failure for a request that never got an answer, naming the server and where its
   * address came from. An {@link ApiException} passes through unchanged.
   */
  public static RuntimeException transport(Throwable failure, URI server, String source) {
    if (failure instanceof ApiException || failure instanceof ApiUnreachableException) {
      return (RuntimeException) failure;
    }
    if (failure instanceof IllegalArgumentException illegal) {
      return illegal;
    }
    return new ApiUnreachableException(
        "cannot reach the Kubernetes apiserver at "
            + server
            + " ("
            + source
            + "): "
            + why(failure));
  }

  private static String why(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "connection refused; is the server running?";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host " + t.getMessage();
      }
      if (t instanceof SSLException) {
        return "TLS failed: " + t.getMessage();
      }
      if (t instanceof TimeoutException) {
        return "no answer in time: " + t.getMessage();
      }
      if (t instanceof ClosedChannelException) {
        return "the connection was closed";
      }
    }
    String message = failure.getMessage();
    return message == null || message.isEmpty() ? failure.getClass().getSimpleName() : message;
  }

  /**
   * Whether a failed read may be sent again: the server answered 429 or a 5xx, or could not be
   * reached for a reason other than TLS (which would fail the same way again). Judged on the raw
   * failure, before {@link #transport} describes it.
   */
  public static boolean retryableRead(Throwable failure) {
    if (failure instanceof ApiException api) {
      return api.code() == 429 || api.code() == 500 || api.code() >= 502 && api.code() <= 504;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLException || t instanceof IllegalArgumentException) {
        return false;
      }
    }
    return true;
  }

  /** Whether a failed write may be sent again: only when the server refused it unread (429). */
  public static boolean retryableWrite(Throwable failure) {
    return failure instanceof ApiException api && api.code() == 429;
  }
}
