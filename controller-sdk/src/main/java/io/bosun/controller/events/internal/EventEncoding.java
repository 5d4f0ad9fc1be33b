package io.bosun.controller.events.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.events.EventRecorderOptions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How an event series is written in each Events API: the Event to create and its count patch. */
enum EventEncoding {
  /** core/v1: {@code involvedObject}, {@code message}, {@code count} and timestamps in seconds. */
  CORE_V1(ResourceDescriptor.untyped("v1", "Event", "events", true)) {
    @Override
    ObjectNode fill(ObjectNode event, Series series, EventRecorderOptions options) {
      EventKey key = series.key();
      event.set("involvedObject", key.regarding().toTree());
      event.put("message", key.note());
      event.putObject("source").put("component", options.reportingController());
      event.put("reportingComponent", options.reportingController());
      event.put("reportingInstance", options.reportingInstance());
      event.put("firstTimestamp", time(series.first()));
      return event.setAll(countPatch(series.count(), series.last()));
    }

    @Override
    ObjectNode countPatch(int count, Instant last) {
      ObjectNode patch = JsonNodeFactory.instance.objectNode();
      patch.put("count", count);
      patch.put("lastTimestamp", time(last));
      return patch;
    }
  },

  /** events.k8s.io/v1: {@code regarding}, {@code note}, {@code eventTime} and a {@code series}. */
  EVENTS_V1(ResourceDescriptor.untyped("events.k8s.io/v1", "Event", "events", true)) {
    @Override
    ObjectNode fill(ObjectNode event, Series series, EventRecorderOptions options) {
      EventKey key = series.key();
      event.set("regarding", key.regarding().toTree());
      event.put("note", key.note());
      event.put("reportingController", options.reportingController());
      event.put("reportingInstance", options.reportingInstance());
      event.put("eventTime", microTime(series.first()));
      return series.count() > 1 ? event.setAll(countPatch(series.count(), series.last())) : event;
    }

    @Override
    ObjectNode countPatch(int count, Instant last) {
      ObjectNode patch = JsonNodeFactory.instance.objectNode();
      patch.putObject("series").put("count", count).put("lastObservedTime", microTime(last));
      return patch;
    }
  };

  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

  private final ResourceDescriptor<ObjectNode> descriptor;

  EventEncoding(ResourceDescriptor<ObjectNode> descriptor) {
    this.descriptor = descriptor;
  }

  /** The encoding of {@code api}. */
  static EventEncoding of(EventRecorderOptions.Api api) {
    return api == EventRecorderOptions.Api.CORE_V1 ? CORE_V1 : EVENTS_V1;
  }

  /** The Events kind written. */
  ResourceDescriptor<ObjectNode> descriptor() {
    return descriptor;
  }

  /** The Event to create for {@code series}, with its count so far. */
  ObjectNode event(Series series, EventRecorderOptions options) {
    EventKey key = series.key();
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("apiVersion", descriptor.apiVersion());
    event.put("kind", "Event");
    event.putObject("metadata").put("name", series.name()).put("namespace", series.namespace());
    if (key.related() != null) {
      event.set("related", key.related().toTree());
    }
    event.put("type", key.type());
    event.put("reason", key.reason());
    event.put("action", key.action());
    return fill(event, series, options);
  }

  /** Adds what this API's Event has of its own to {@code event}, and returns it. */
  abstract ObjectNode fill(ObjectNode event, Series series, EventRecorderOptions options);

  /**
   * The merge patch that brings an Event's count up to {@code count}, last seen at {@code last}.
   */
  abstract ObjectNode countPatch(int count, Instant last);

  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String microTime(Instant instant) {
    return MICRO_TIME.format(instant);
  }
}
