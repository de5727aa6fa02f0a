package main

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

type pgStore struct {
	db *sql.DB
}

func (s *pgStore) ListItems(ctx context.Context, limit int) ([]Item, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT sku, name, quantity, updated_at FROM items ORDER BY sku LIMIT $1`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()

	items := []Item{}
	for rows.Next() {
		var it Item
		if err := rows.Scan(&it.SKU, &it.Name, &it.Quantity, &it.UpdatedAt); err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

func (s *pgStore) GetItem(ctx context.Context, sku string) (Item, error) {
	var it Item
	err := s.db.QueryRowContext(ctx,
		`SELECT sku, name, quantity, updated_at FROM items WHERE sku = $1`, sku).
		Scan(&it.SKU, &it.Name, &it.Quantity, &it.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Item{}, errNotFound
	}
	return it, err
}

// RecordAdjustment queues a stock change; the Python worker applies it to items.quantity.
func (s *pgStore) RecordAdjustment(ctx context.Context, sku string, delta int, reason string) error {
	res, err := s.db.ExecContext(ctx,
		`INSERT INTO stock_events (sku, delta, reason)
		 SELECT sku, $2, $3 FROM items WHERE sku = $1`, sku, delta, reason)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errNotFound
	}
	return nil
}

// migrate applies the embedded SQL files in name order, each once, each in a transaction.
func migrate(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY,
		applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return err
	}
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return err
	}
	for _, e := range entries {
		var applied bool
		if err := db.QueryRowContext(ctx,
			`SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE name = $1)`, e.Name()).Scan(&applied); err != nil {
			return err
		}
		if applied {
			continue
		}
		body, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return err
		}
		if err := applyMigration(ctx, db, e.Name(), string(body)); err != nil {
			return fmt.Errorf("apply %s: %w", e.Name(), err)
		}
		slog.InfoContext(ctx, "applied migration", "name", e.Name())
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, name, body string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // no-op after Commit
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (name) VALUES ($1)`, name); err != nil {
		return err
	}
	return tx.Commit()
}
