"""Applies queued stock adjustments to item quantities and flags low stock.

Connection settings come from the standard libpq variables (PGHOST, PGUSER, PGPASSWORD,
PGDATABASE), so nothing here hard-codes where the database lives.
"""

import logging
import os
import signal
import time

import psycopg

logging.basicConfig(
    level=os.environ.get("LOG_LEVEL", "INFO"),
    format="%(asctime)s %(levelname)s %(name)s %(message)s",
)
log = logging.getLogger("stock-worker")

POLL_INTERVAL = float(os.environ.get("POLL_INTERVAL_SECONDS", "5"))
LOW_STOCK_THRESHOLD = int(os.environ.get("LOW_STOCK_THRESHOLD", "5"))
BATCH_SIZE = 50

running = True


def stop(signum, _frame):
    global running
    log.info("received signal %s, finishing current batch", signum)
    running = False


def process_batch(conn):
    with conn.transaction():
        events = conn.execute(
            """
            SELECT id, sku, delta FROM stock_events
            WHERE processed_at IS NULL
            ORDER BY created_at
            LIMIT %s
            FOR UPDATE SKIP LOCKED
            """,
            (BATCH_SIZE,),
        ).fetchall()
        for event_id, sku, delta in events:
            (quantity,) = conn.execute(
                """
                UPDATE items SET quantity = GREATEST(quantity + %s, 0), updated_at = now()
                WHERE sku = %s RETURNING quantity
                """,
                (delta, sku),
            ).fetchone()
            conn.execute("UPDATE stock_events SET processed_at = now() WHERE id = %s", (event_id,))
            if quantity <= LOW_STOCK_THRESHOLD:
                log.warning("low stock sku=%s quantity=%s", sku, quantity)
    return len(events)


def main():
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    with psycopg.connect(autocommit=True) as conn:
        log.info("worker started, polling every %ss", POLL_INTERVAL)
        while running:
            try:
                handled = process_batch(conn)
            except psycopg.OperationalError:
                log.exception("database unavailable, retrying")
                handled = 0
            if handled:
                log.info("applied %d stock events", handled)
            else:
                time.sleep(POLL_INTERVAL)


if __name__ == "__main__":
    main()
