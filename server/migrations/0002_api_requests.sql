-- The Referrals API's idempotency record: the answer given to each MS-RequestId of a user,
-- written in the same transaction as the change it made, so a retry gets that answer again.
CREATE TABLE api_requests (
    user_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    status BIGINT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (user_id, request_id)
);
