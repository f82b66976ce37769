-- Sinkwire durable outbox, H2 2.x. Run once (or let the sink create it: schema creation on).
-- The first five columns are those Debezium's outbox event router reads (id, aggregatetype,
-- aggregateid, type, payload); the rest are the relay's. One table serves any number of sinks.
CREATE TABLE IF NOT EXISTS sinkwire_outbox (
    id              UUID                     NOT NULL PRIMARY KEY,
    aggregatetype   VARCHAR(255)             NOT NULL,
    aggregateid     VARCHAR(255)             NOT NULL,
    type            VARCHAR(255)             NOT NULL,
    payload         CHARACTER VARYING        NOT NULL,
    seq             BIGINT GENERATED ALWAYS AS IDENTITY,
    sink            VARCHAR(255)             NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    attempts        INTEGER                  NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner     VARCHAR(255),
    lease_until     TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(4000),
    dead_reason     VARCHAR(32),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX IF NOT EXISTS sinkwire_outbox_claim ON sinkwire_outbox (sink, status, seq);
CREATE INDEX IF NOT EXISTS sinkwire_outbox_key ON sinkwire_outbox (sink, aggregateid, seq);
