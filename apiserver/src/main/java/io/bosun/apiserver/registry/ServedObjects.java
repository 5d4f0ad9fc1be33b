package io.bosun.apiserver.registry;

import io.bosun.apiserver.storage.StoredObject;
import io.bosun.apiserver.storage.WatchEvent;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves the watch events of one resource in one version, remembering the last conversion. The
 * watch feed hands the same stored object to every watcher of a change in turn, so a thousand
 * watchers cost one conversion instead of a thousand parses. Safe from any thread: a miss only
 * converts again.
 */
final class ServedObjects {
  private record Served(ResourceType type, StoredObject stored, StoredObject served) {}

  private final AtomicReference<Served> last = new AtomicReference<>();

  WatchEvent served(ResourceType type, WatchEvent event) {
    StoredObject stored = event.object();
    if (stored == null) {
      return event;
    }
    Served hit = last.get();
    StoredObject served;
    if (hit != null && hit.stored() == stored && hit.type() == type) {
      served = hit.served();
    } else {
      served = Versioning.served(type, stored);
      last.set(new Served(type, stored, served));
    }
    return served == stored
        ? event
        : new WatchEvent(event.type(), served, event.resourceVersion(), event.initialEventsEnd());
  }
}
