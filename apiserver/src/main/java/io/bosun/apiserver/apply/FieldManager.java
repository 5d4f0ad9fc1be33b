package io.bosun.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.apply.ManagedFields.Entry;
import io.bosun.apiserver.apply.ManagedFields.Key;
import io.bosun.core.api.Status;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps {@code metadata.managedFields} for the writes to one resource path (an API version of a
 * kind, and a subresource): {@link #update} records what a create, update or patch changed, and
 * {@link #apply} merges a server-side apply configuration with ownership, conflicts and removal of
 * the fields the applier stopped applying.
 *
 * <p>As in Kubernetes, a manager owns the fields it last set: a write that changes a field takes it
 * from every other manager (an apply only with {@code force}, else it fails with a 409 conflict),
 * and fields an applier drops from its configuration are removed from the object unless another
 * manager owns them. Identity and server-owned metadata ({@code metadata.name}, {@code uid}, {@code
 * resourceVersion}, ...) are never owned.
 */
public final class FieldManager {
  /** Kubernetes keeps at most this many update entries, merging older ones. */
  public static final int MAX_UPDATE_MANAGERS = 10;

  /** The entry into which the oldest updates are merged beyond {@link #MAX_UPDATE_MANAGERS}. */
  public static final String ANCIENT_CHANGES = "ancient-changes";

  /** The manager that owns an object's fields when an apply meets an object nobody manages. */
  public static final String BEFORE_FIRST_APPLY = "before-first-apply";

  private static final FieldSet SERVER_OWNED =
      FieldSet.of(
          FieldPath.of("apiVersion"),
          FieldPath.of("kind"),
          FieldPath.of("metadata"),
          FieldPath.of("metadata", "name"),
          FieldPath.of("metadata", "namespace"),
          FieldPath.of("metadata", "creationTimestamp"),
          FieldPath.of("metadata", "selfLink"),
          FieldPath.of("metadata", "uid"),
          FieldPath.of("metadata", "clusterName"),
          FieldPath.of("metadata", "generation"),
          FieldPath.of("metadata", "managedFields"),
          FieldPath.of("metadata", "resourceVersion"));

  private final MergeType root;
  private final String apiVersion;
  private final String subresource;
  private final FieldFilter filter;
  private final Clock clock;

  /**
   * A field manager for one resource path.
   *
   * @param root the type of the whole object
   * @param apiVersion the API version writes use, recorded in update entries
   * @param subresource {@code ""}, {@code status} or {@code scale}
   * @param filter the fields writes through this path may own
   */
  public FieldManager(
      MergeType root, String apiVersion, String subresource, FieldFilter filter, Clock clock) {
    this.root = Objects.requireNonNull(root, "root");
    this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
    this.subresource = Objects.requireNonNull(subresource, "subresource");
    this.filter = Objects.requireNonNull(filter, "filter");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Records a write that turned {@code old} (null for a create) into {@code object}, and sets the
   * object's {@code managedFields}. Managed fields a client sends explicitly replace the stored
   * ones (a single empty entry clears them), except through a subresource. An object whose lists
   * cannot be tracked loses its managed fields, as Kubernetes does.
   */
  public void update(ObjectNode old, ObjectNode object, String manager) {
    ManagedFields managed = explicit(object);
    if (managed == null) {
      managed = stored(old);
    }
    try {
      record(managed, old, object, manager);
    } catch (InvalidObjectException e) {
      managed = ManagedFields.empty();
    }
    write(object, managed);
  }

  /**
   * Applies {@code config} to {@code live} (null when the object does not exist yet) for {@code
   * manager}, and returns the new object with its {@code managedFields}. Neither input changes.
   *
   * @throws io.bosun.core.api.StatusException 409 when the apply would change fields other managers
   *     own and {@code force} is false
   * @throws InvalidObjectException when the configuration cannot be tracked (a list item without
   *     its key, duplicate items)
   */
  public ObjectNode apply(ObjectNode live, ObjectNode config, String manager, boolean force) {
    JsonNode sent = config.path("metadata").get("managedFields");
    if (sent != null && !sent.isNull()) {
      throw Status.badRequest("metadata.managedFields must be nil").asException();
    }
    ManagedFields managed = stored(live);
    if (managed.isEmpty() && live != null) {
      record(managed, null, live, BEFORE_FIRST_APPLY);
    }
    FieldSet applied = filter.apply(Fields.of(root, config));
    ObjectNode merged =
        (ObjectNode)
            Values.withoutNulls(
                Merge.merge(
                    root,
                    live == null ? config.objectNode() : live.deepCopy(),
                    config.deepCopy(),
                    FieldPath.ROOT));
    Key key = Key.apply(manager, subresource);
    Entry last = managed.get(key);
    // The applier owns its whole configuration while pruning, identity included.
    managed.put(new Entry(key, apiVersion, applied, null));
    if (last != null) {
      merged = prune(merged, managed, last.fields());
    }
    Comparison changes = Comparison.of(root, live, merged).filter(this::owned);
    Map<Key, FieldSet> conflicts = new LinkedHashMap<>();
    for (Entry entry : managed.entries()) {
      FieldSet conflicting = entry.fields().intersection(changes.changed());
      if (!entry.key().equals(key) && !conflicting.isEmpty()) {
        conflicts.put(entry.key(), conflicting);
      }
    }
    if (!conflicts.isEmpty()
        && !force
        && !(manager.startsWith("kubectl") && LastApplied.allows(root, live, conflicts.values()))) {
      throw Conflicts.of(conflicts);
    }
    for (Entry entry : managed.entries()) {
      if (!entry.key().equals(key)) {
        managed.put(
            entry.withFields(
                entry.fields().difference(changes.changed()).difference(changes.removed())));
      }
    }
    FieldSet owned = owned(applied);
    boolean changed = live == null || !Values.equal(live, merged);
    boolean unchanged = last != null && last.fields().equals(owned) && !changed;
    managed.put(new Entry(key, apiVersion, owned, unchanged ? last.time() : now()));
    managed.dropEmpty();
    managed.capUpdates(MAX_UPDATE_MANAGERS, ANCIENT_CHANGES);
    write(merged, managed);
    if (manager.equals("kubectl")) {
      LastApplied.sync(merged, config);
    }
    return merged;
  }

  /**
   * Removes what the applier applied last time and no longer applies, unless some manager (the
   * applier's new configuration included) still owns it.
   */
  private ObjectNode prune(ObjectNode merged, ManagedFields managed, FieldSet last) {
    FieldSet remove =
        Fields.withNamedParents(root, last)
            .difference(Fields.withNamedParents(root, managed.allFields()))
            .difference(SERVER_OWNED);
    JsonNode pruned = Removal.remove(root, merged, remove, FieldPath.ROOT);
    return pruned instanceof ObjectNode object ? object : merged;
  }

  /** The current writer takes what it changed from everyone, and loses what it removed. */
  private void record(ManagedFields managed, ObjectNode old, ObjectNode object, String manager) {
    Comparison changes = Comparison.of(root, old, object).filter(this::owned);
    for (Entry entry : managed.entries()) {
      managed.put(
          entry.withFields(
              entry.fields().difference(changes.changed()).difference(changes.removed())));
    }
    if (!changes.changed().isEmpty()) {
      Key key = Key.update(manager, apiVersion, subresource);
      Entry previous = managed.get(key);
      FieldSet fields =
          previous == null ? changes.changed() : previous.fields().union(changes.changed());
      managed.put(new Entry(key, apiVersion, fields, now()));
    }
    managed.dropEmpty();
    managed.capUpdates(MAX_UPDATE_MANAGERS, ANCIENT_CHANGES);
  }

  /** The fields of {@code set} a write through this path may own. */
  private FieldSet owned(FieldSet set) {
    return filter.apply(set).difference(SERVER_OWNED);
  }

  /** The managed fields a write sends itself, or null to keep the stored ones. */
  private ManagedFields explicit(ObjectNode object) {
    JsonNode sent = object.path("metadata").get("managedFields");
    if (!subresource.isEmpty() || sent == null || !sent.isArray() || sent.isEmpty()) {
      return null;
    }
    if (sent.size() == 1 && Values.emptyContainer(sent.get(0))) {
      return ManagedFields.empty();
    }
    try {
      return ManagedFields.decode(sent);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The managed fields stored with {@code object}; none if they cannot be read. */
  private static ManagedFields stored(ObjectNode object) {
    if (object == null) {
      return ManagedFields.empty();
    }
    try {
      return ManagedFields.decode(object.path("metadata").get("managedFields"));
    } catch (IllegalArgumentException e) {
      return ManagedFields.empty();
    }
  }

  private static void write(ObjectNode object, ManagedFields managed) {
    ObjectNode metadata =
        object.get("metadata") instanceof ObjectNode m ? m : object.putObject("metadata");
    if (managed.isEmpty()) {
      metadata.remove("managedFields");
    } else {
      ArrayNode encoded = managed.encode();
      metadata.set("managedFields", encoded);
    }
  }

  private String now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
