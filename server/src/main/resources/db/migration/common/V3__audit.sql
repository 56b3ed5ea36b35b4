-- Tamper-evident audit log: each row carries the SHA-256 of its own contents and of the row
-- before it (AuditHash), so altering, deleting or reordering rows breaks the chain
-- (./cowatch audit verify). Times are epoch milliseconds. Shared by H2 and PostgreSQL.

CREATE TABLE audit_log (
  seq       BIGINT        PRIMARY KEY,
  at        BIGINT        NOT NULL,
  action    VARCHAR(40)   NOT NULL,
  actor_id  VARCHAR(40),
  subject   VARCHAR(320),
  details   VARCHAR(8192) NOT NULL,
  address   VARCHAR(64),
  prev_hash VARCHAR(64)   NOT NULL,
  hash      VARCHAR(64)   NOT NULL
);
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, seq);
CREATE INDEX audit_log_by_subject ON audit_log (subject, seq);

-- The newest row's seq and hash, in one row. Appenders lock it (SELECT ... FOR UPDATE) so that
-- appends from every process on the database are serialized and the chain never forks; it
-- also lets the verifier notice rows deleted from the end of the log.
CREATE TABLE audit_head (
  id   INTEGER     PRIMARY KEY CHECK (id = 1),
  seq  BIGINT      NOT NULL,
  hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
