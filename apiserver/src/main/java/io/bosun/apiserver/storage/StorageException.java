package io.bosun.apiserver.storage;

/**
 * The typed failures of a storage operation. They travel as failed {@code Uni}s and are turned into
 * Kubernetes {@code Status} responses only at the API edge.
 */
public abstract sealed class StorageException extends RuntimeException {

  private StorageException(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** The object does not exist. */
  public static final class NotFound extends StorageException {
    private final ObjectKey key;

    public NotFound(ObjectKey key) {
      super("not found: " + key, null);
      this.key = key;
    }

    public ObjectKey key() {
      return key;
    }
  }

  /** An object with this key already exists. */
  public static final class AlreadyExists extends StorageException {
    private final ObjectKey key;

    public AlreadyExists(ObjectKey key) {
      super("already exists: " + key, null);
      this.key = key;
    }

    public ObjectKey key() {
      return key;
    }
  }

  /** A precondition (resource version or uid) did not hold. */
  public static final class Conflict extends StorageException {
    private final ObjectKey key;

    public Conflict(ObjectKey key, String message) {
      super(message, null);
      this.key = key;
    }

    public ObjectKey key() {
      return key;
    }
  }

  /** The requested resource version has been compacted away (HTTP 410 Gone, reason Expired). */
  public static final class Expired extends StorageException {
    private final long requested;
    private final long oldest;

    public Expired(long requested, long oldest) {
      super("too old resource version: " + requested + " (" + oldest + ")", null);
      this.requested = requested;
      this.oldest = oldest;
    }

    public long requested() {
      return requested;
    }

    public long oldest() {
      return oldest;
    }
  }

  /** The requested resource version is newer than anything committed (HTTP 504, Retry-After). */
  public static final class TooLargeResourceVersion extends StorageException {
    private final long requested;
    private final long current;

    public TooLargeResourceVersion(long requested, long current) {
      super("Too large resource version: " + requested + ", current: " + current, null);
      this.requested = requested;
      this.current = current;
    }

    public long requested() {
      return requested;
    }

    public long current() {
      return current;
    }
  }

  /** The database could not be reached or failed; the outcome of a write is unknown. */
  public static final class Unavailable extends StorageException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The request names something storage cannot read, such as a malformed continue token. */
  public static final class Invalid extends StorageException {
    public Invalid(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
