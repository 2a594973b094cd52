-- The staff pages at 100,000 dossiers (issue 5: page p99 under 50 ms).
--
-- step_role and proposal_pending let the work lists tell "to assign" from "awaiting
-- approval" without loading each dossier; sqldb's projection fills them with the rest
-- of the dossiers row, and the rows stored before are filled here from the body.
ALTER TABLE dossiers ADD COLUMN step_role TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN proposal_pending BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE dossiers SET
    step_role = COALESCE(CASE WHEN step_index >= 0 THEN body::jsonb -> 'plan' -> step_index ->> 'role' END, ''),
    proposal_pending = COALESCE(jsonb_typeof(body::jsonb -> 'proposal') <> 'null', FALSE);

-- The book's order (newest first, code as the tie-break) read straight from an index.
CREATE INDEX dossiers_created_code ON dossiers(created_at, code);
DROP INDEX dossiers_created;
-- A processor's work list.
CREATE INDEX dossiers_assignee_state ON dossiers(assignee, state);
-- The dossiers a unit sees (received at, held by or passing through it): the steps'
-- side of the unit filter, by unit then dossier.
CREATE INDEX dossier_steps_unit_dossier ON dossier_steps(unit_code, dossier_code);

-- The units that see a dossier (the book's unit filter: received at, held by or
-- passing through a unit), newest first per unit, so that a unit's book pages and
-- counts are index ranges rather than a scan of every dossier. Rows are only added:
-- a dossier's receiving unit, every unit it is held by and every unit of its step
-- runs (which are never removed); triggers keep it with the dossiers and
-- dossier_steps projections.
CREATE TABLE dossier_scope (
    unit_code  TEXT NOT NULL,
    code       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (unit_code, code)
);
CREATE INDEX dossier_scope_created ON dossier_scope(unit_code, created_at, code);
CREATE INDEX dossier_scope_code ON dossier_scope(code);
INSERT INTO dossier_scope (unit_code, code, created_at)
    SELECT unit_code, code, created_at FROM dossiers
    UNION SELECT current_unit, code, created_at FROM dossiers
    UNION SELECT st.unit_code, d.code, d.created_at FROM dossier_steps st JOIN dossiers d ON d.code = st.dossier_code
    ON CONFLICT DO NOTHING;
CREATE FUNCTION dossier_scope_dossier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM dossier_scope WHERE code = OLD.code;
        RETURN OLD;
    END IF;
    INSERT INTO dossier_scope (unit_code, code, created_at) VALUES (NEW.current_unit, NEW.code, NEW.created_at) ON CONFLICT DO NOTHING;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO dossier_scope (unit_code, code, created_at) VALUES (NEW.unit_code, NEW.code, NEW.created_at) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER dossier_scope_insert AFTER INSERT ON dossiers FOR EACH ROW EXECUTE FUNCTION dossier_scope_dossier();
CREATE TRIGGER dossier_scope_update AFTER UPDATE OF current_unit ON dossiers FOR EACH ROW
    WHEN (NEW.current_unit IS DISTINCT FROM OLD.current_unit) EXECUTE FUNCTION dossier_scope_dossier();
CREATE TRIGGER dossier_scope_delete AFTER DELETE ON dossiers FOR EACH ROW EXECUTE FUNCTION dossier_scope_dossier();
CREATE FUNCTION dossier_scope_step() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO dossier_scope (unit_code, code, created_at)
        SELECT NEW.unit_code, code, created_at FROM dossiers WHERE code = NEW.dossier_code ON CONFLICT DO NOTHING;
    RETURN NEW;
END $$;
CREATE TRIGGER dossier_scope_step AFTER INSERT ON dossier_steps FOR EACH ROW EXECUTE FUNCTION dossier_scope_step();

-- Search by code or applicant name (search_key, folded: no case, no diacritics): a
-- narrow copy of the key with the code, kept by triggers, so that the LIKE '%term%'
-- scan reads a few megabytes rather than the dossiers heap (pg_trgm would index it,
-- but an extension cannot be assumed installed).
CREATE TABLE dossiers_search (
    code       TEXT PRIMARY KEY,
    search_key TEXT NOT NULL
);
INSERT INTO dossiers_search (code, search_key) SELECT code, search_key FROM dossiers;
CREATE FUNCTION dossiers_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM dossiers_search WHERE code = OLD.code;
        RETURN OLD;
    END IF;
    INSERT INTO dossiers_search (code, search_key) VALUES (NEW.code, NEW.search_key)
        ON CONFLICT (code) DO UPDATE SET search_key = excluded.search_key;
    RETURN NEW;
END $$;
CREATE TRIGGER dossiers_search_insert AFTER INSERT ON dossiers FOR EACH ROW EXECUTE FUNCTION dossiers_search_sync();
CREATE TRIGGER dossiers_search_update AFTER UPDATE OF search_key ON dossiers FOR EACH ROW
    WHEN (NEW.search_key IS DISTINCT FROM OLD.search_key) EXECUTE FUNCTION dossiers_search_sync();
CREATE TRIGGER dossiers_search_delete AFTER DELETE ON dossiers FOR EACH ROW EXECUTE FUNCTION dossiers_search_sync();
