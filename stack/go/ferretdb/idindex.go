package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the SQLite driver FerretDB itself uses
)

// indexIDLookups works around a FerretDB 1.24 SQLite backend defect: it indexes each collection's
// documents by the expression _ferretdb_sjson->"_id" but looks them up by _ferretdb_sjson->'$._id',
// which SQLite cannot match to that index, so every lookup by _id scans the whole table (EXPLAIN QUERY
// PLAN shows SCAN). Every second this adds, to each collection table that lacks it, an index on the
// exact expression the lookups use, turning them into index searches.
func indexIDLookups(ctx context.Context, dir string, logger *slog.Logger) {
	indexed := map[string]bool{}
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		forgetDropped(indexed, files)
		for _, file := range files {
			if err := indexFile(ctx, file, indexed); err != nil {
				logger.Debug("could not add _id lookup indexes", "file", file, "error", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

func indexFile(ctx context.Context, file string, indexed map[string]bool) error {
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer db.Close()

	rows, err := db.QueryContext(ctx, `SELECT table_name FROM _ferretdb_collections`)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, table)
	}
	rows.Close()

	for _, table := range tables {
		key := file + "/" + table
		if indexed[key] {
			continue
		}
		quoted := `"` + strings.ReplaceAll(table, `"`, `""`) + `"`
		index := `"` + strings.ReplaceAll(table+"__id_lookup", `"`, `""`) + `"`
		statement := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s (_ferretdb_sjson->'$._id')`, index, quoted)
		if _, err := db.ExecContext(ctx, statement); err != nil {
			return err
		}
		indexed[key] = true
	}
	return nil
}

// forgetDropped forgets the tables of database files that are gone, so a database created again
// under the same name gets its indexes again.
func forgetDropped(indexed map[string]bool, files []string) {
	present := map[string]bool{}
	for _, file := range files {
		present[file] = true
	}
	for key := range indexed {
		if !present[key[:strings.LastIndex(key, "/")]] {
			delete(indexed, key)
		}
	}
}
