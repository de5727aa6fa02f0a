CREATE TABLE IF NOT EXISTS stock_events (
    id           BIGSERIAL PRIMARY KEY,
    sku          TEXT NOT NULL REFERENCES items (sku),
    delta        INTEGER NOT NULL,
    reason       TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    processed_at TIMESTAMPTZ
);

-- the worker polls for unprocessed events in arrival order
CREATE INDEX IF NOT EXISTS stock_events_pending_idx
    ON stock_events (created_at)
    WHERE processed_at IS NULL;
