-- Identities (accounts and guests), refresh tokens and mail-link tokens.
-- Times are epoch milliseconds (the server's injected clock). Shared by H2 and PostgreSQL.
-- Tokens are stored only as their SHA-256 in hex: a copy of the database hands out no working token.

CREATE TABLE users (
  id              VARCHAR(40)  PRIMARY KEY,
  kind            VARCHAR(16)  NOT NULL,
  email           VARCHAR(254),
  -- the lower-cased address: uniqueness is case-insensitive; NULL (guests) may repeat
  email_key       VARCHAR(254) UNIQUE,
  -- 40 code points may take 80 UTF-16 units; room to spare for either database's way of counting
  display_name    VARCHAR(160) NOT NULL,
  password_hash   VARCHAR(255),
  email_verified  BOOLEAN      NOT NULL,
  session_version BIGINT       NOT NULL,
  created_at      BIGINT       NOT NULL,
  updated_at      BIGINT       NOT NULL
);

CREATE TABLE refresh_tokens (
  token_hash VARCHAR(64) PRIMARY KEY,
  family_id  VARCHAR(40) NOT NULL,
  user_id    VARCHAR(40) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT      NOT NULL,
  expires_at BIGINT      NOT NULL,
  used_at    BIGINT,
  revoked_at BIGINT
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_by_expiry ON refresh_tokens (expires_at);

CREATE TABLE mail_tokens (
  token_hash VARCHAR(64)  PRIMARY KEY,
  purpose    VARCHAR(16)  NOT NULL,
  user_id    VARCHAR(40)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email      VARCHAR(254) NOT NULL,
  created_at BIGINT       NOT NULL,
  expires_at BIGINT       NOT NULL,
  used_at    BIGINT
);
CREATE INDEX mail_tokens_by_user ON mail_tokens (user_id, purpose);
CREATE INDEX mail_tokens_by_expiry ON mail_tokens (expires_at);
