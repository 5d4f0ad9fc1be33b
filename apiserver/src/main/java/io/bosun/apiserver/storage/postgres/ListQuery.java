package io.bosun.apiserver.storage.postgres;

import io.bosun.apiserver.storage.ListOptions;
import io.bosun.apiserver.storage.Selection;
import io.bosun.core.selector.FieldSelector;
import io.bosun.core.selector.LabelSelector;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the SQL of a list: selectors pushed down to indexed conditions, (namespace, name) order,
 * and either the newest state or the state at an exact older version (current rows unchanged since
 * then, plus the previous values of the first later change of every other key).
 *
 * <p>Every query returns, on each row (and on one row with null columns when nothing matches): the
 * counter and the compaction point read in the same snapshot, then namespace, name, rv, value and
 * the total number of matches (only when counted).
 */
final class ListQuery {
  private final List<Object> params = new ArrayList<>();
  private final StringBuilder sql = new StringBuilder();

  record Built(String sql, Tuple params) {}

  /** The newest state. {@code fetch} is the row limit (0: none); {@code count} adds the total. */
  static Built current(ListOptions options, ContinueToken after, int fetch, boolean count) {
    ListQuery q = new ListQuery();
    String resource = q.param(options.resource());
    int mark = q.sql.length();
    q.where("o", resource, options.selection(), after, "o.labels", "o.value");
    String conditions = " FROM objects o WHERE o.resource = " + resource + q.cut(mark);
    // The total is a count of its own: a window count over the page query would render every
    // matching document as text before the limit applies.
    q.sql
        .append("SELECT s.current_rv, s.compacted_rv, x.namespace, x.name, x.rv, x.value, ")
        .append(count ? "(SELECT count(*)" + conditions + ")" : "NULL::bigint")
        .append(" AS total FROM cluster_state s LEFT JOIN LATERAL (")
        .append("SELECT o.namespace, o.name, o.rv, o.value::text AS value")
        .append(conditions)
        .append(" ORDER BY o.namespace, o.name");
    q.limit(fetch);
    q.sql.append(") x ON true WHERE s.id = 1");
    return new Built(q.sql.toString(), Tuple.wrap(q.params));
  }

  /**
   * The state at {@code rv}, which the caller checks against the compaction point: rows unchanged
   * since then, and the value before the first later change of every other key. Each branch is
   * limited on its own, so a page reads about {@code fetch} rows from each, not the rest of the
   * list, and documents become text only once the page is cut.
   */
  static Built at(ListOptions options, long rv, ContinueToken after, int fetch, boolean count) {
    ListQuery q = new ListQuery();
    String resource = q.param(options.resource());
    String at = q.param(rv);
    int mark = q.sql.length();
    q.sql.append(" FROM objects o WHERE o.resource = ").append(resource).append(" AND o.rv <= ");
    q.sql.append(at);
    q.where("o", resource, options.selection(), after, "o.labels", "o.value");
    String unchanged = q.cut(mark);
    q.sql
        .append(" FROM (SELECT DISTINCT ON (e.namespace, e.name) e.namespace, e.name, e.prev_value")
        .append(" FROM events e WHERE e.resource = ")
        .append(resource)
        .append(" AND e.rv > ")
        .append(at);
    q.where("e", resource, Selection.namespace(options.selection().namespace()), after, null, null);
    q.sql.append(" ORDER BY e.namespace, e.name, e.rv) e WHERE e.prev_value IS NOT NULL");
    q.selectors(
        options.selection(),
        "coalesce(e.prev_value -> 'metadata' -> 'labels', '{}'::jsonb)",
        "e.prev_value",
        "e");
    String changed = q.cut(mark);
    String limit = fetch > 0 ? " LIMIT " + fetch : "";
    q.sql
        .append("SELECT s.current_rv, s.compacted_rv, x.namespace, x.name, ")
        .append("(x.value -> 'metadata' ->> 'resourceVersion')::bigint, x.value::text, ")
        .append(
            count
                ? "(SELECT count(*) FROM (SELECT 1"
                    + unchanged
                    + " UNION ALL SELECT 1"
                    + changed
                    + ") c)"
                : "NULL::bigint")
        .append(" AS total FROM cluster_state s LEFT JOIN LATERAL (SELECT u.namespace, u.name,")
        .append(" u.value FROM ((SELECT o.namespace, o.name, o.value")
        .append(unchanged)
        .append(" ORDER BY o.namespace, o.name")
        .append(limit)
        .append(") UNION ALL (SELECT e.namespace, e.name, e.prev_value AS value")
        .append(changed)
        .append(" ORDER BY e.namespace, e.name")
        .append(limit)
        .append(")) u ORDER BY u.namespace, u.name")
        .append(limit)
        .append(") x ON true WHERE s.id = 1");
    return new Built(q.sql.toString(), Tuple.wrap(q.params));
  }

  /** Removes and returns what was appended since {@code mark}. */
  private String cut(int mark) {
    String part = sql.substring(mark);
    sql.setLength(mark);
    return part;
  }

  private void where(
      String alias,
      String resource,
      Selection selection,
      ContinueToken after,
      String labels,
      String value) {
    if (selection.namespace() != null) {
      sql.append(" AND ")
          .append(alias)
          .append(".namespace = ")
          .append(param(selection.namespace()));
    }
    if (after != null) {
      sql.append(" AND (")
          .append(alias)
          .append(".resource, ")
          .append(alias)
          .append(".namespace, ")
          .append(alias)
          .append(".name) > (")
          .append(resource)
          .append(", ")
          .append(param(after.namespace()))
          .append(", ")
          .append(param(after.name()))
          .append(")");
    }
    if (labels != null) {
      selectors(selection, labels, value, alias);
    }
  }

  private void selectors(Selection selection, String labels, String value, String alias) {
    for (LabelSelector.Requirement r : selection.labels().requirements()) {
      sql.append(" AND ");
      switch (r.operator()) {
        case EQUALS ->
            sql.append(labels)
                .append(" @> ")
                .append(param(new JsonObject().put(r.key(), r.value())))
                .append("::jsonb");
        case NOT_EQUALS ->
            sql.append("NOT (")
                .append(labels)
                .append(" @> ")
                .append(param(new JsonObject().put(r.key(), r.value())))
                .append("::jsonb)");
        case IN ->
            sql.append("(")
                .append(labels)
                .append(" ->> ")
                .append(param(r.key()))
                .append(") = ANY(")
                .append(param(r.values().toArray(String[]::new)))
                .append(")");
        case NOT_IN ->
            sql.append("coalesce((")
                .append(labels)
                .append(" ->> ")
                .append(param(r.key()))
                .append(") = ANY(")
                .append(param(r.values().toArray(String[]::new)))
                .append("), false) = false");
        case EXISTS -> sql.append(labels).append(" ? ").append(param(r.key()));
        case DOES_NOT_EXIST ->
            sql.append("NOT (").append(labels).append(" ? ").append(param(r.key())).append(")");
      }
    }
    for (FieldSelector.Requirement r : selection.fields().requirements()) {
      String field =
          switch (r.path()) {
            case "metadata.name" -> alias + ".name";
            case "metadata.namespace" -> alias + ".namespace";
            default -> "coalesce(" + value + " #>> " + param(r.path().split("\\.")) + ", '')";
          };
      sql.append(" AND ")
          .append(field)
          .append(r.negated() ? " <> " : " = ")
          .append(param(r.value()));
    }
  }

  private void limit(int fetch) {
    if (fetch > 0) {
      sql.append(" LIMIT ").append(fetch);
    }
  }

  /**
   * A placeholder for {@code value}, typed: a long list's statement is prepared for a cursor before
   * its values are bound, and PostgreSQL cannot infer the type of {@code $1} in {@code labels ?
   * $1}.
   */
  private String param(Object value) {
    params.add(value);
    String type =
        value instanceof String
            ? "::text"
            : value instanceof Long ? "::bigint" : value instanceof String[] ? "::text[]" : "";
    return "$" + params.size() + type;
  }
}
