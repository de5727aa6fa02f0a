CREATE TABLE accounts (
    id             UUID PRIMARY KEY,
    code           VARCHAR(64)  NOT NULL UNIQUE,
    name           VARCHAR(255) NOT NULL,
    currency       CHAR(3)      NOT NULL,
    balance_minor  BIGINT       NOT NULL DEFAULT 0,
    allow_negative BOOLEAN      NOT NULL DEFAULT FALSE,
    version        BIGINT       NOT NULL DEFAULT 0
);
