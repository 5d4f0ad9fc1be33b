package io.bosun.testkit.informer;

import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Origin;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what an informer delivers, as {@code "<kind of event> <origin> <name>"} lines. */
final class Recorder<T extends HasMetadata> implements EventHandler<T> {
  final List<String> events = new CopyOnWriteArrayList<>();
  final List<Update<T>> updates = new CopyOnWriteArrayList<>();

  /** One update's objects. */
  record Update<T>(T oldObject, T newObject) {}

  @Override
  public void onAdd(T object, Origin origin) {
    events.add("add " + origin + " " + object.getMetadata().getName());
  }

  @Override
  public void onUpdate(T oldObject, T newObject, Origin origin) {
    events.add("update " + origin + " " + newObject.getMetadata().getName());
    updates.add(new Update<>(oldObject, newObject));
  }

  @Override
  public void onDelete(T object, Origin origin) {
    events.add("delete " + origin + " " + object.getMetadata().getName());
  }

  /** The recorded events of one origin, in order. */
  List<String> of(Origin origin) {
    return events.stream().filter(e -> e.contains(" " + origin + " ")).toList();
  }
}
