-- The site's own administration (docs/operations.md, "Administration"): who administers the site,
-- accounts banned from it, and notices shown to everyone online. Times are epoch milliseconds.

-- Site administrators: made with ./cowatch admin grant EMAIL, never through the web.
CREATE TABLE site_admins (
  user_id    VARCHAR(40) PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  granted_at BIGINT      NOT NULL
);

-- A banned account cannot sign in; its sessions were ended when the ban was made.
CREATE TABLE account_bans (
  user_id   VARCHAR(40)  PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  reason    VARCHAR(1000) NOT NULL,
  banned_by VARCHAR(40),
  banned_at BIGINT       NOT NULL
);

-- A notice shows on every page until it expires or is withdrawn.
CREATE TABLE site_notices (
  id           VARCHAR(40)   PRIMARY KEY,
  text         VARCHAR(2000) NOT NULL,
  created_by   VARCHAR(40),
  created_at   BIGINT        NOT NULL,
  expires_at   BIGINT        NOT NULL,
  withdrawn_at BIGINT
);
CREATE INDEX site_notices_by_expiry ON site_notices (expires_at);
