CREATE TABLE postings (
    id           UUID PRIMARY KEY,
    transfer_id  UUID         NOT NULL,
    account_id   UUID         NOT NULL REFERENCES accounts (id),
    amount_minor BIGINT       NOT NULL,
    reference    VARCHAR(140) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);

CREATE INDEX postings_account_created_idx ON postings (account_id, created_at DESC);
CREATE INDEX postings_transfer_idx ON postings (transfer_id);
