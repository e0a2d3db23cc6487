-- Sign-in with OpenID Connect, webhooks and email delivery (issue #24).

-- A sign-in on its way through the identity provider: found again by its `state`, and only
-- from the browser that started it (`browser_hash`, the hash of a short-lived cookie).
CREATE TABLE oidc_logins (
    state_hash TEXT PRIMARY KEY,
    browser_hash TEXT NOT NULL,
    verifier TEXT NOT NULL,
    nonce TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- An organisation's webhook: where referral-created and referral-updated events go, and the
-- secret their HMAC-SHA256 signatures use.
CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX webhooks_by_organization ON webhooks (organization_id);

-- The webhook outbox: one row per hook and change, written in the transaction of the change.
CREATE TABLE webhook_deliveries (
    hook_id TEXT NOT NULL,
    referral_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    event TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    delivered_at TEXT,
    PRIMARY KEY (hook_id, referral_id, version)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);

-- The email outbox's delivery: one row per emailed notification, written with it.
CREATE TABLE email_deliveries (
    notification_id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    sent_at TEXT
);
CREATE INDEX email_deliveries_due ON email_deliveries (status, next_attempt_at);
