-- When the worker began the current try of a delivery it holds (SQLite). A delivery found in Sending with its
-- lease run out and no try begun was never sent and simply goes back to Pending; one with a try begun may
-- have reached the person, and the interruption rule decides.
ALTER TABLE NoticeDelivery ADD COLUMN AttemptStartedUtc TEXT NULL;

-- Which claim holds a delivery in Sending: a worker records its outcome only while its own claim still holds the
-- row, so a delivery another worker took over after the lease ran out is never sent by both.
ALTER TABLE NoticeDelivery ADD COLUMN ClaimToken TEXT NULL;

-- The notification centre lists an account's notices newest first and counts the unread ones.
CREATE INDEX IX_NoticeDelivery_Notice ON NoticeDelivery (NoticeId, Channel, Status);
