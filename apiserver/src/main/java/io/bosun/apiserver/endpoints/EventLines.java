package io.bosun.apiserver.endpoints;

import io.bosun.apiserver.endpoints.internal.Encoding;
import io.bosun.apiserver.endpoints.internal.Output;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.storage.StoredObject;
import io.bosun.apiserver.storage.WatchEvent;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Encodes the watch event lines of one resource type in one output form, remembering the last line.
 * Every watcher of a change gets the same stored object in turn, so a thousand watchers cost one
 * encoding, and share one buffer, instead of a thousand. Safe from any thread: a miss only encodes
 * again. A table's age column is then as of the first watcher's encoding, microseconds earlier.
 */
final class EventLines {
  /** One encoded line, as text for WebSocket frames and as UTF-8 bytes for HTTP bodies. */
  record Line(String text, Buffer bytes) {
    static Line of(String text) {
      return new Line(text, Buffer.buffer(text));
    }
  }

  private record Last(StoredObject object, WatchEvent.Type type, Line line) {}

  private final ResourceType type;
  private final Output output;
  private final AtomicReference<Last> last = new AtomicReference<>();

  EventLines(ResourceType type, Output output) {
    this.type = type;
    this.output = output;
  }

  boolean serves(ResourceType type, Output output) {
    return this.type == type && this.output.equals(output);
  }

  /** The line of {@code event}; {@code clock} gives a table's age column when one is encoded. */
  Line encode(WatchEvent event, Clock clock) {
    StoredObject object = event.object();
    if (object == null) { // a bookmark: each watcher has its own
      return Line.of(Encoding.event(type, event, output, clock.instant()));
    }
    Last hit = last.get();
    if (hit != null && hit.object() == object && hit.type() == event.type()) {
      return hit.line();
    }
    Line line = Line.of(Encoding.event(type, event, output, clock.instant()));
    last.set(new Last(object, event.type(), line));
    return line;
  }
}
