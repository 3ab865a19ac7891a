// Command ferretdb-id-index adds the index on `_id` that FerretDB 1.24's SQLite backend uses
// for its own lookups by `_id` (decision 010, fifth session).
//
// FerretDB 1.24 looks documents up by `_id` with `_ferretdb_sjson->'$._id' = ?` but creates the
// `_id_` index on `_ferretdb_sjson->"_id"`; SQLite matches an index only on the same expression,
// so every read, update and delete by `_id` read the whole table (about 45 ms at 20,000
// documents, growing with the collection). This program creates, for every collection table of
// every database file in the directory given, `CREATE INDEX IF NOT EXISTS <table>__id_path ON
// <table> (_ferretdb_sjson->'$._id')`. FerretDB lists indexes from its own metadata, so the extra
// index is invisible to it (and is dropped with the table). Idempotent; safe while FerretDB runs
// (SQLite's lock and busy timeout).
package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite"
)

func main() {
	args := os.Args[1:]
	plan := len(args) == 2 && args[0] == "--plan"
	if plan {
		args = args[1:]
	}
	if len(args) != 1 {
		fmt.Fprintln(os.Stderr, "usage: ferretdb-id-index [--plan] <FerretDB SQLite directory>")
		os.Exit(2)
	}
	files, err := filepath.Glob(filepath.Join(args[0], "*.sqlite"))
	if err != nil {
		fail(err)
	}
	if plan {
		// How SQLite runs FerretDB's lookup by _id on each table, one JSON line per table.
		for _, file := range files {
			if err := printPlans(file); err != nil {
				fail(fmt.Errorf("%s: %w", file, err))
			}
		}
		return
	}
	created := 0
	for _, file := range files {
		n, err := indexFile(file)
		if err != nil {
			fail(fmt.Errorf("%s: %w", file, err))
		}
		created += n
	}
	fmt.Printf("{\"files\":%d,\"created\":%d}\n", len(files), created)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func quote(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// collectionTables lists the tables of FerretDB's collections in one database file.
func collectionTables(db *sql.DB) ([]string, error) {
	var present int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_ferretdb_collections'`).Scan(&present); err != nil {
		return nil, err
	}
	if present == 0 {
		return nil, nil
	}
	rows, err := db.Query(`SELECT table_name FROM _ferretdb_collections`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			return nil, err
		}
		tables = append(tables, table)
	}
	return tables, rows.Err()
}

func open(file string) (*sql.DB, error) {
	return sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(10000)")
}

func printPlans(file string) error {
	db, err := open(file)
	if err != nil {
		return err
	}
	defer db.Close()
	tables, err := collectionTables(db)
	if err != nil {
		return err
	}
	for _, table := range tables {
		// The statement FerretDB 1.24 runs for a filter on _id (internal/backends/sqlite).
		rows, err := db.Query(fmt.Sprintf(`EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM %s WHERE _ferretdb_sjson->'$._id' = ?`, quote(table)), `"x"`)
		if err != nil {
			return err
		}
		var details []string
		for rows.Next() {
			var id, parent, notUsed int
			var detail string
			if err := rows.Scan(&id, &parent, &notUsed, &detail); err != nil {
				rows.Close()
				return err
			}
			details = append(details, detail)
		}
		rows.Close()
		fmt.Printf("{\"file\":%q,\"table\":%q,\"plan\":%q}\n", filepath.Base(file), table, strings.Join(details, "; "))
	}
	return nil
}

func indexFile(file string) (int, error) {
	db, err := open(file)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	tables, err := collectionTables(db)
	if err != nil {
		return 0, err
	}
	created := 0
	for _, table := range tables {
		index := table + "__id_path"
		var exists int
		if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?`, index).Scan(&exists); err != nil {
			return created, err
		}
		if exists > 0 {
			continue
		}
		var hasTable int
		if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&hasTable); err != nil {
			return created, err
		}
		if hasTable == 0 {
			continue
		}
		statement := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s (_ferretdb_sjson->'$._id')`, quote(index), quote(table))
		if _, err := db.Exec(statement); err != nil {
			return created, err
		}
		created++
	}
	return created, nil
}
