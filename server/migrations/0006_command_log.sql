-- The command log (issue #25): for every version, the command that made it, who decided
-- it and at which instant, written in the same transaction as its outcome. Deciding is
-- deterministic (state, user, time), so replaying the log from an empty exchange must give
-- the database's exchange again: `cosell-server verify` checks it.
CREATE TABLE commands (
    version BIGINT PRIMARY KEY,
    user_id TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    command TEXT NOT NULL
);
-- Versions written before the log have no entry: the log starts after them.
INSERT INTO meta (key, value) SELECT 'log_from', value + 1 FROM meta WHERE key = 'version';

-- What a process reads when it catches up with the others (`WHERE version > $1`): found by
-- version, not by scanning a million activity entries (checked with EXPLAIN by
-- `make bench-server` on 100,000 deals).
CREATE INDEX referrals_by_version ON referrals (version);
CREATE INDEX activity_by_version ON activity (version);
CREATE INDEX notifications_by_version ON notifications (version);
