-- The staff pages at 100,000 dossiers (issue 5: page p99 under 50 ms).
--
-- step_role and proposal_pending let the work lists tell "to assign" from "awaiting
-- approval" without loading each dossier; sqldb's projection fills them with the rest
-- of the dossiers row, and the rows stored before are filled here from the body.
ALTER TABLE dossiers ADD COLUMN step_role TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN proposal_pending BOOLEAN NOT NULL DEFAULT 0;
UPDATE dossiers SET
    step_role = COALESCE(CASE WHEN step_index >= 0 THEN json_extract(body, '$.plan[' || step_index || '].role') END, ''),
    proposal_pending = COALESCE(json_type(body, '$.proposal') NOT IN ('null'), 0);

-- The book's order (newest first, code as the tie-break) read straight from an index.
CREATE INDEX dossiers_created_code ON dossiers(created_at, code);
DROP INDEX dossiers_created;
-- A processor's work list.
CREATE INDEX dossiers_assignee_state ON dossiers(assignee, state);
-- The dossiers a unit sees (received at, held by or passing through it): the steps'
-- side of the unit filter, by unit then dossier.
CREATE INDEX dossier_steps_unit_dossier ON dossier_steps(unit_code, dossier_code);

-- Search by code or applicant name (search_key, folded: no case, no diacritics): a
-- trigram index answers search_key LIKE '%term%' for terms of three characters or
-- more without reading the dossiers table, whose rows carry the whole body. The
-- index keeps its own copy of the key with the code, kept in step by triggers.
CREATE VIRTUAL TABLE dossiers_search USING fts5(search_key, code UNINDEXED, tokenize = 'trigram');
INSERT INTO dossiers_search (search_key, code) SELECT search_key, code FROM dossiers;
CREATE TRIGGER dossiers_search_insert AFTER INSERT ON dossiers
BEGIN INSERT INTO dossiers_search (search_key, code) VALUES (new.search_key, new.code); END;
CREATE TRIGGER dossiers_search_update AFTER UPDATE OF search_key ON dossiers WHEN new.search_key <> old.search_key
BEGIN
    DELETE FROM dossiers_search WHERE code = old.code;
    INSERT INTO dossiers_search (search_key, code) VALUES (new.search_key, new.code);
END;
CREATE TRIGGER dossiers_search_delete AFTER DELETE ON dossiers
BEGIN DELETE FROM dossiers_search WHERE code = old.code; END;

-- The units that see a dossier (the book's unit filter: received at, held by or
-- passing through a unit), newest first per unit, so that a unit's book pages and
-- counts are index ranges rather than a scan of every dossier. Rows are only added:
-- a dossier's receiving unit, every unit it is held by and every unit of its step
-- runs (which are never removed); triggers keep it with the dossiers and
-- dossier_steps projections.
CREATE TABLE dossier_scope (
    unit_code  TEXT NOT NULL,
    code       TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (unit_code, code)
) WITHOUT ROWID;
CREATE INDEX dossier_scope_created ON dossier_scope(unit_code, created_at, code);
INSERT OR IGNORE INTO dossier_scope (unit_code, code, created_at) SELECT unit_code, code, created_at FROM dossiers;
INSERT OR IGNORE INTO dossier_scope (unit_code, code, created_at) SELECT current_unit, code, created_at FROM dossiers;
INSERT OR IGNORE INTO dossier_scope (unit_code, code, created_at)
    SELECT st.unit_code, d.code, d.created_at FROM dossier_steps st JOIN dossiers d ON d.code = st.dossier_code;
CREATE TRIGGER dossier_scope_insert AFTER INSERT ON dossiers
BEGIN
    INSERT OR IGNORE INTO dossier_scope (unit_code, code, created_at) VALUES (new.unit_code, new.code, new.created_at);
    INSERT OR IGNORE INTO dossier_scope (unit_code, code, created_at) VALUES (new.current_unit, new.code, new.created_at);
END;
CREATE TRIGGER dossier_scope_update AFTER UPDATE OF current_unit ON dossiers WHEN new.current_unit <> old.current_unit
BEGIN INSERT OR IGNORE INTO dossier_scope (unit_code, code, created_at) VALUES (new.current_unit, new.code, new.created_at); END;
CREATE TRIGGER dossier_scope_step AFTER INSERT ON dossier_steps
BEGIN
    INSERT OR IGNORE INTO dossier_scope (unit_code, code, created_at)
        SELECT new.unit_code, code, created_at FROM dossiers WHERE code = new.dossier_code;
END;
CREATE TRIGGER dossier_scope_delete AFTER DELETE ON dossiers
BEGIN DELETE FROM dossier_scope WHERE code = old.code; END;
