package io.bosun.core.selector;

/** A label or field selector could not be parsed; the API answers 400 Bad Request. */
public class SelectorException extends IllegalArgumentException {
  public SelectorException(String message) {
    super(message);
  }
}
