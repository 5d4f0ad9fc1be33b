package io.bosun.controller.events;

/** An event's type, as Kubernetes allows them. */
public enum EventType {
  /** Something expected happened, such as a child object being created. */
  NORMAL("Normal"),
  /** Something may need attention, such as a failure to reach a desired state. */
  WARNING("Warning");

  private final String value;

  EventType(String value) {
    this.value = value;
  }

  /** The value of the Event's {@code type} field. */
  public String value() {
    return value;
  }
}
