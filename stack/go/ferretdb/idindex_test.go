package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

// A table laid out as FerretDB 1.24 lays out a collection: looked up by _ferretdb_sjson->'$._id',
// indexed only on _ferretdb_sjson->"_id".
func newFerretDBFile(t *testing.T) (string, *sql.DB) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "test.sqlite")
	db, err := sql.Open("sqlite", "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	for _, statement := range []string{
		`CREATE TABLE _ferretdb_collections (name TEXT, table_name TEXT, settings TEXT)`,
		`INSERT INTO _ferretdb_collections VALUES ('identities', 'identities_1234', '{}')`,
		`CREATE TABLE identities_1234 (_ferretdb_sjson TEXT NOT NULL)`,
		`CREATE UNIQUE INDEX identities_1234__id_ ON identities_1234 (_ferretdb_sjson->"_id")`,
	} {
		if _, err := db.Exec(statement); err != nil {
			t.Fatal(err)
		}
	}
	return file, db
}

func queryPlan(t *testing.T, db *sql.DB) string {
	t.Helper()
	rows, err := db.Query(`EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM identities_1234 WHERE _ferretdb_sjson->'$._id' = ?`, "x")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "; ")
}

func TestIndexFileMakesIDLookupsUseAnIndex(t *testing.T) {
	file, db := newFerretDBFile(t)
	defer db.Close()
	if plan := queryPlan(t, db); !strings.Contains(plan, "SCAN") {
		t.Fatalf("expected FerretDB's own layout to scan, got %q", plan)
	}

	indexed := map[string]bool{}
	if err := indexFile(context.Background(), file, indexed); err != nil {
		t.Fatal(err)
	}
	var indexSQL string
	if err := db.QueryRow(`SELECT sql FROM sqlite_master WHERE name = 'identities_1234__id_lookup'`).Scan(&indexSQL); err != nil {
		t.Fatalf("index not created: %v", err)
	}
	if plan := queryPlan(t, db); !strings.Contains(plan, "USING INDEX identities_1234__id_lookup") {
		t.Fatalf("expected an index search, got %q", plan)
	}
	if !indexed[file+"/identities_1234"] {
		t.Fatal("the table is not remembered as indexed")
	}
}

func TestForgetDroppedForgetsTablesOfRemovedFiles(t *testing.T) {
	indexed := map[string]bool{"/data/a.sqlite/t1": true, "/data/b.sqlite/t2": true}
	forgetDropped(indexed, []string{"/data/a.sqlite"})
	if !indexed["/data/a.sqlite/t1"] || indexed["/data/b.sqlite/t2"] {
		t.Fatalf("unexpected %v", indexed)
	}
}
