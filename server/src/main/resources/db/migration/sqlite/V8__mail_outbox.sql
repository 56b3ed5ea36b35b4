-- SQLite's twin of ../postgresql/V8__mail_outbox.sql: the same but for the id column (MigrationTwinsTest keeps them so).
-- Mail that is sent later or must survive a restart: reminders, invitations. A dispatcher claims a
-- due row with a lease (claimed_until), sends it and marks it sent; a node that dies mid-send leaves
-- the lease to run out, and another node (or the restarted one) tries again. dedupe_key makes
-- scheduling idempotent: scheduling the same reminder twice keeps one row.
CREATE TABLE mail_outbox (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key    VARCHAR(200)   UNIQUE,
  recipient     VARCHAR(254)   NOT NULL,
  subject       VARCHAR(1000)  NOT NULL,
  body          VARCHAR(20000) NOT NULL,
  send_after    BIGINT         NOT NULL,
  attempts      INTEGER        NOT NULL,
  claimed_until BIGINT,
  sent_at       BIGINT,
  -- set when the last attempt failed for good; the row stays for the operator to see
  given_up_at   BIGINT,
  last_error    VARCHAR(1000),
  created_at    BIGINT         NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (send_after);
