"""Loads items.csv into the items table. Safe to run more than once."""

import csv
import logging
import os
import sys

import psycopg2

logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
log = logging.getLogger("seed")


def main(path):
    # psycopg2 picks up PGHOST/PGUSER/PGPASSWORD/PGDATABASE from the environment
    conn = psycopg2.connect("")
    with conn, conn.cursor() as cur, open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
        for row in rows:
            cur.execute(
                """
                INSERT INTO items (sku, name, quantity) VALUES (%s, %s, %s)
                ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name
                """,
                (row["sku"], row["name"], int(row["quantity"])),
            )
    conn.close()
    log.info("seeded %d items", len(rows))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SEED_FILE", "items.csv"))
