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
