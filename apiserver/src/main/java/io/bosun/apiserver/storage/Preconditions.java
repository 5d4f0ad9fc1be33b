package io.bosun.apiserver.storage;

/**
 * Conditions a write checks against the stored object inside the committing transaction: a uid
 * and/or a resource version. A null field is not checked.
 */
public record Preconditions(String uid, Long resourceVersion) {

  /** No preconditions. */
  public static final Preconditions NONE = new Preconditions(null, null);

  /** Requires the stored object to have this resource version. */
  public static Preconditions resourceVersion(long resourceVersion) {
    return new Preconditions(null, resourceVersion);
  }

  /** Checks these preconditions against a stored object. */
  public void check(StoredObject current) {
    if (resourceVersion != null && resourceVersion != current.resourceVersion()) {
      throw new StorageException.Conflict(
          current.key(),
          "the object has been modified; please apply your changes to the latest version and try"
              + " again");
    }
    if (uid != null && !uid.equals(Documents.uid(current.json()))) {
      throw new StorageException.Conflict(
          current.key(),
          "Precondition failed: UID in precondition: "
              + uid
              + ", UID in object meta: "
              + Documents.uid(current.json()));
    }
  }
}
