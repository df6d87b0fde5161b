-- GIN twins of FerretDB's indexes (embedded PostgreSQL cluster only; production runs MongoDB).
--
-- FerretDB v1.24 builds each index as a btree over `(_jsonb -> 'field')`, but pushes an equality filter down
-- as `_jsonb -> 'field' @> value`, which a btree cannot serve: PostgreSQL scans the table for every query,
-- `_id` lookups included (FerretDB issue #4646; measured here: 277 ms for a findById at 100,000 gigs).
-- A GIN index on the same expression serves `@>`. This file, run by the launcher at every start, installs an
-- event trigger that gives every btree FerretDB creates a GIN twin per key field, and adds the twins that are
-- missing on existing tables. Idempotent.
CREATE OR REPLACE FUNCTION doorstep_gin_twin(idx oid) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  tbl oid; am text; nkeys int; k int; expr text; f text; rel text; nsp text;
BEGIN
  SELECT i.indrelid, a.amname, i.indnkeyatts INTO tbl, am, nkeys
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam WHERE i.indexrelid = idx;
  IF am IS DISTINCT FROM 'btree' THEN RETURN; END IF;
  SELECT c.relname, n.nspname INTO rel, nsp FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = tbl;
  FOR k IN 1..nkeys LOOP
    expr := pg_get_indexdef(idx, k, true);
    f := substring(expr FROM '^\(?_jsonb -> ''([^'']+)''::text\)?$');
    CONTINUE WHEN f IS NULL;
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I.%I USING gin ((_jsonb -> %L))', left(rel, 40) || '_' || left(md5(f), 10) || '_gin', nsp, rel, f);
  END LOOP;
END
$fn$;

CREATE OR REPLACE FUNCTION doorstep_gin_twins() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
DECLARE r record;
BEGIN
  FOR r IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE object_type = 'index' LOOP
    PERFORM doorstep_gin_twin(r.objid);
  END LOOP;
END
$fn$;

DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'doorstep_gin_twins') THEN
    CREATE EVENT TRIGGER doorstep_gin_twins ON ddl_command_end WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION doorstep_gin_twins();
  END IF;
END
$do$;

SELECT count(doorstep_gin_twin(i.indexrelid)) AS checked
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relname NOT LIKE '\_ferretdb%';
