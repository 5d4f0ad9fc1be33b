package io.bosun.apiserver.registry.crd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes' naming and establishing controllers in one step: a definition's requested names are
 * accepted unless another definition of the same group has already accepted them (first come, first
 * served), and {@code status.acceptedNames} and the NamesAccepted and Established conditions say
 * so. A definition once Established stays Established.
 */
final class CrdNaming {
  private CrdNaming() {}

  /**
   * Sets the names and conditions of {@code crd} (a copy to change), judged against {@code all}.
   */
  static void apply(ObjectNode crd, Collection<Crd> all, Clock clock) {
    Crd self = Crd.of(crd);
    Set<String> resources = new HashSet<>();
    Set<String> kinds = new HashSet<>();
    for (Crd other : all) {
      if (!other.name().equals(self.name()) && other.group().equals(self.group())) {
        Crd.Names names = other.accepted();
        resources.add(names.plural());
        resources.add(names.singular());
        resources.addAll(names.shortNames());
        kinds.add(names.kind());
        kinds.add(names.listKind());
      }
    }
    Crd.Names requested = self.names();
    Crd.Names accepted = self.accepted();
    ObjectNode status = CrdConditions.status(crd);
    ObjectNode names =
        status.get("acceptedNames") instanceof ObjectNode n ? n : status.putObject("acceptedNames");
    String reason = null;
    String message = null;
    String conflict;
    if ((conflict = conflict(requested.plural(), accepted.plural(), resources)) != null) {
      reason = "PluralConflict";
      message = conflict;
    } else {
      names.put("plural", requested.plural());
    }
    if ((conflict = conflict(requested.singular(), accepted.singular(), resources)) != null) {
      reason = "SingularConflict";
      message = conflict;
    } else {
      names.put("singular", requested.singular());
    }
    if (!requested.shortNames().equals(accepted.shortNames())) {
      List<String> conflicts = new ArrayList<>();
      for (String shortName : requested.shortNames()) {
        if (!accepted.shortNames().contains(shortName)
            && (conflict = conflict(shortName, "", resources)) != null) {
          conflicts.add(conflict);
        }
      }
      if (!conflicts.isEmpty()) {
        reason = "ShortNamesConflict";
        message =
            conflicts.size() == 1 ? conflicts.get(0) : "[" + String.join(", ", conflicts) + "]";
      } else {
        ArrayNode shortNames = names.putArray("shortNames");
        requested.shortNames().forEach(shortNames::add);
      }
    }
    if ((conflict = conflict(requested.kind(), accepted.kind(), kinds)) != null) {
      reason = "KindConflict";
      message = conflict;
    } else {
      names.put("kind", requested.kind());
    }
    if ((conflict = conflict(requested.listKind(), accepted.listKind(), kinds)) != null) {
      reason = "ListKindConflict";
      message = conflict;
    } else {
      names.put("listKind", requested.listKind());
    }
    if (requested.categories().isEmpty()) {
      names.remove("categories");
    } else {
      ArrayNode categories = names.putArray("categories");
      requested.categories().forEach(categories::add);
    }
    if (reason == null) {
      CrdConditions.set(
          status, "NamesAccepted", "True", "NoConflicts", "no conflicts found", clock);
      CrdConditions.set(
          status,
          "Established",
          "True",
          "InitialNamesAccepted",
          "the initial names have been accepted",
          clock);
    } else {
      CrdConditions.set(status, "NamesAccepted", "False", reason, message, clock);
      if (!self.established()) {
        CrdConditions.set(
            status, "Established", "False", "NotAccepted", "not all names are accepted", clock);
      }
    }
  }

  /** Why {@code requested} cannot be accepted, or null if it can. */
  private static String conflict(String requested, String accepted, Set<String> used) {
    if (requested.equals(accepted) || !used.contains(requested)) {
      return null;
    }
    return "\"" + requested + "\" is already in use";
  }
}
