-- Bosun's storage schema. See DESIGN.md "Storage" and docs/decisions/0002-storage-engine.md.

-- One row: the cluster-wide resource version counter. Every write transaction locks this row first,
-- so transactions commit in resource-version order and a rollback gives its numbers back.
CREATE TABLE cluster_state (
  id smallint PRIMARY KEY CHECK (id = 1),
  current_rv bigint NOT NULL,
  compacted_rv bigint NOT NULL,
  partition_size bigint NOT NULL,
  partition_end bigint NOT NULL -- events partitions exist for every rv below this
);
INSERT INTO cluster_state VALUES (1, 1, 0, ${partition_size}, ${partition_size});

-- Current state. The primary key order is the list and continue-token order.
CREATE TABLE objects (
  resource text COLLATE "C" NOT NULL,
  namespace text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  rv bigint NOT NULL,
  create_rv bigint NOT NULL,
  labels jsonb NOT NULL,
  value jsonb NOT NULL,
  PRIMARY KEY (resource, namespace, name)
);
-- Label selectors are pushed down as containment/existence tests on this column.
CREATE INDEX objects_labels ON objects USING gin (labels);

-- The change log that watches replay; prev_value lets a selector turn "moved out" into DELETED and
-- lets a list be served at an older resource version. Partitioned by rv range so that compaction
-- drops whole partitions instead of DELETE + VACUUM.
CREATE TABLE events (
  rv bigint NOT NULL,
  resource text COLLATE "C" NOT NULL,
  namespace text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  type smallint NOT NULL, -- 1 ADDED, 2 MODIFIED, 3 DELETED
  value jsonb NOT NULL,
  prev_value jsonb,
  PRIMARY KEY (rv)
) PARTITION BY RANGE (rv);
CREATE TABLE events_p0 PARTITION OF events FOR VALUES FROM (0) TO (${partition_size});
CREATE INDEX events_by_key ON events (resource, namespace, name, rv);

-- Sets metadata.resourceVersion of a document, creating metadata if absent.
CREATE FUNCTION bosun_stamp(doc jsonb, rv bigint) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT doc || jsonb_build_object('metadata',
    coalesce(doc -> 'metadata', '{}'::jsonb) || jsonb_build_object('resourceVersion', rv::text))
$$;

-- Commits a batch of writes in one transaction. op: 1 create, 2 update, 3 delete. expected_rv and
-- expected_uid are preconditions (null: unchecked). Each write that passes gets the next resource
-- version; one that fails gets an outcome and does not disturb the others.
-- outcome: 0 ok, 1 not found, 2 already exists, 3 rv conflict, 4 uid conflict.
-- For 3 and 4, o_prev/o_prev_rv carry the current object so that the caller can retry at once.
CREATE FUNCTION bosun_write(
  ops smallint[], resources text[], namespaces text[], names text[],
  expected_rv bigint[], expected_uid text[], docs text[])
RETURNS TABLE (o_idx int, o_outcome smallint, o_rv bigint, o_value text, o_prev text, o_prev_rv bigint)
LANGUAGE plpgsql AS $$
DECLARE
  cur bigint;
  start_rv bigint;
  part_size bigint;
  part_end bigint;
  i int;
  old_rv bigint;
  old_doc jsonb;
  new_doc jsonb;
BEGIN
  SELECT s.current_rv, s.partition_size, s.partition_end INTO cur, part_size, part_end
    FROM cluster_state s WHERE s.id = 1 FOR UPDATE;
  start_rv := cur;
  FOR i IN 1 .. coalesce(array_length(ops, 1), 0) LOOP
    o_idx := i - 1;
    o_rv := NULL; o_value := NULL; o_prev := NULL; o_prev_rv := NULL;
    IF cur + 1 >= part_end THEN
      EXECUTE format('CREATE TABLE events_p%s PARTITION OF events FOR VALUES FROM (%s) TO (%s)',
                     part_end, part_end, part_end + part_size);
      part_end := part_end + part_size;
    END IF;
    IF ops[i] = 1 THEN
      new_doc := bosun_stamp(docs[i]::jsonb, cur + 1);
      INSERT INTO objects AS o (resource, namespace, name, rv, create_rv, labels, value)
        VALUES (resources[i], namespaces[i], names[i], cur + 1, cur + 1,
                coalesce(new_doc -> 'metadata' -> 'labels', '{}'::jsonb), new_doc)
        ON CONFLICT DO NOTHING;
      IF NOT FOUND THEN
        o_outcome := 2;
        RETURN NEXT;
        CONTINUE;
      END IF;
      cur := cur + 1;
      INSERT INTO events VALUES (cur, resources[i], namespaces[i], names[i], 1, new_doc, NULL);
    ELSE
      SELECT o.rv, o.value INTO old_rv, old_doc FROM objects o
        WHERE o.resource = resources[i] AND o.namespace = namespaces[i] AND o.name = names[i]
        FOR UPDATE;
      IF NOT FOUND THEN
        o_outcome := 1;
        RETURN NEXT;
        CONTINUE;
      END IF;
      IF expected_rv[i] IS NOT NULL AND expected_rv[i] <> old_rv THEN
        o_outcome := 3; o_prev := old_doc::text; o_prev_rv := old_rv;
        RETURN NEXT;
        CONTINUE;
      END IF;
      IF expected_uid[i] IS NOT NULL AND expected_uid[i] IS DISTINCT FROM old_doc -> 'metadata' ->> 'uid' THEN
        o_outcome := 4; o_prev := old_doc::text; o_prev_rv := old_rv;
        RETURN NEXT;
        CONTINUE;
      END IF;
      cur := cur + 1;
      IF ops[i] = 2 THEN
        new_doc := bosun_stamp(docs[i]::jsonb, cur);
        UPDATE objects o SET rv = cur, labels = coalesce(new_doc -> 'metadata' -> 'labels', '{}'::jsonb),
                             value = new_doc
          WHERE o.resource = resources[i] AND o.namespace = namespaces[i] AND o.name = names[i];
        INSERT INTO events VALUES (cur, resources[i], namespaces[i], names[i], 2, new_doc, old_doc);
      ELSE
        new_doc := bosun_stamp(old_doc, cur);
        DELETE FROM objects o
          WHERE o.resource = resources[i] AND o.namespace = namespaces[i] AND o.name = names[i];
        INSERT INTO events VALUES (cur, resources[i], namespaces[i], names[i], 3, new_doc, old_doc);
      END IF;
      o_prev := old_doc::text; o_prev_rv := old_rv;
    END IF;
    o_outcome := 0; o_rv := cur; o_value := new_doc::text;
    RETURN NEXT;
  END LOOP;
  IF cur > start_rv THEN
    UPDATE cluster_state SET current_rv = cur, partition_end = part_end WHERE id = 1;
    -- One wake-up per batch for the other apiservers; the payload is only a hint.
    PERFORM pg_notify('bosun_events', cur::text);
  END IF;
END
$$;

-- Raises the compaction point (never lowers it) and drops event partitions wholly below it.
-- Several apiservers may call it at once: the row lock orders them.
CREATE FUNCTION bosun_compact(target bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  compacted bigint;
  part_size bigint;
  part record;
BEGIN
  UPDATE cluster_state SET compacted_rv = greatest(compacted_rv, least(target, current_rv))
    WHERE id = 1 RETURNING compacted_rv, partition_size INTO compacted, part_size;
  FOR part IN
    SELECT c.relname, substring(c.relname FROM 'events_p([0-9]+)')::bigint AS start_rv
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'events'::regclass
  LOOP
    IF part.start_rv + part_size <= compacted + 1 THEN
      EXECUTE format('DROP TABLE %I', part.relname);
    END IF;
  END LOOP;
  RETURN compacted;
END
$$;
