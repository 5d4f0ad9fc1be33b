package io.bosun.apiserver.patch;

/**
 * A patch could not be applied. {@code malformed} patches are the client's syntax error (400); the
 * others are well-formed patches that do not fit the object (422).
 */
public final class PatchException extends RuntimeException {
  private final boolean malformed;

  public PatchException(String message, boolean malformed) {
    super(message, null, false, false);
    this.malformed = malformed;
  }

  public boolean malformed() {
    return malformed;
  }
}
