-- Several server processes on one database (issue #25).

-- The version of the last change to any favorite: a process that did not write it reads
-- the favorites again (a removed heart leaves no row to find by version).
INSERT INTO meta (key, value) VALUES ('favorites', 0);

-- Every version of every referral, as written: a pull served by any process finds what a
-- copy held at its cursor, so no process needs to remember the copies it served.
CREATE TABLE referral_versions (
    id TEXT NOT NULL,
    version BIGINT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
-- Existing referrals start their history at their current version.
INSERT INTO referral_versions (id, version, doc) SELECT id, version, doc FROM referrals;

-- A delivery is claimed by one process for a while (a lease), so each is sent by one
-- process only; a process that dies leaves its claims to expire for another to take.
ALTER TABLE webhook_deliveries ADD COLUMN claimed_by TEXT;
ALTER TABLE webhook_deliveries ADD COLUMN claimed_until TEXT;
ALTER TABLE email_deliveries ADD COLUMN claimed_by TEXT;
ALTER TABLE email_deliveries ADD COLUMN claimed_until TEXT;
