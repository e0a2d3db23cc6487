-- The exchange as the server keeps it: every record as its JSON document (the Referrals API
-- shape) with the columns the server looks it up by. `version` is the global version of the
-- write that last touched a row: a pull sends what is newer than its cursor.
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('version', 0);

CREATE TABLE referrals (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL,
    engagement_id TEXT NOT NULL,
    e_tag TEXT NOT NULL,
    version BIGINT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX referrals_by_org_version ON referrals (organization_id, version);
CREATE INDEX referrals_by_engagement ON referrals (engagement_id);

CREATE TABLE activity (
    id TEXT PRIMARY KEY,
    referral_id TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX activity_by_referral ON activity (referral_id);

CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    user_id TEXT,
    version BIGINT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX notifications_by_user ON notifications (user_id, version);

CREATE TABLE favorites (
    user_id TEXT NOT NULL,
    referral_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (user_id, referral_id)
);

CREATE TABLE org_setups (
    organization_id TEXT PRIMARY KEY,
    e_tag TEXT NOT NULL,
    version BIGINT NOT NULL,
    doc TEXT NOT NULL
);

-- One row per browser copy (client): the user it belongs to and its last processed mutation.
CREATE TABLE clients (
    client_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    last_mutation_id BIGINT NOT NULL
);

-- Every processed mutation with its answer: the idempotency record and the audit log.
CREATE TABLE mutations (
    client_id TEXT NOT NULL,
    mutation_id BIGINT NOT NULL,
    user_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    received_at TEXT NOT NULL,
    change TEXT NOT NULL,
    result TEXT NOT NULL,
    PRIMARY KEY (client_id, mutation_id)
);

-- Sessions by the SHA-256 of their token (the token itself is only in the browser's cookie).
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    csrf TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
