package io.bosun.agent.testing;

import io.bosun.agent.pod.PodEvent;
import io.bosun.agent.pod.PodStatusListener;
import io.bosun.agent.pod.PodStatusUpdate;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every status update and event the pod runtime reports. */
public final class RecordingListener implements PodStatusListener {
  private final Map<String, PodStatusUpdate> latest = new ConcurrentHashMap<>();
  private final List<PodStatusUpdate> updates = new CopyOnWriteArrayList<>();
  private final List<PodEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void onStatus(PodStatusUpdate update) {
    latest.put(update.uid(), update);
    updates.add(update);
  }

  @Override
  public void onEvent(PodEvent event) {
    events.add(event);
  }

  /** The last status of pod {@code uid}, or null. */
  public PodStatus status(String uid) {
    PodStatusUpdate update = latest.get(uid);
    return update == null ? null : update.status();
  }

  /** The last update of pod {@code uid}, or null. */
  public PodStatusUpdate update(String uid) {
    return latest.get(uid);
  }

  /** Every update of pod {@code uid}, in order. */
  public List<PodStatusUpdate> updates(String uid) {
    List<PodStatusUpdate> found = new ArrayList<>();
    updates.stream().filter(u -> u.uid().equals(uid)).forEach(found::add);
    return found;
  }

  /** The events of pod {@code uid}, in order. */
  public List<PodEvent> events(String uid) {
    return events.stream().filter(e -> e.podUid().equals(uid)).toList();
  }
}
