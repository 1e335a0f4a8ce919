-- The staff member an assignment line of a report's history names, in its own column (issue 21, item 4). It was kept
-- as the account id's digits in InternalNote, which every reader had to parse. Lines written so far move over when the
-- id is an account's; any other text stays a note.
ALTER TABLE ReportUpdate ADD COLUMN AssigneeId INTEGER NULL REFERENCES UserAccount (Id);

UPDATE ReportUpdate
SET AssigneeId = CAST(InternalNote AS INTEGER), InternalNote = NULL
WHERE Kind = 'Assignment' AND InternalNote IS NOT NULL AND InternalNote <> '' AND InternalNote NOT GLOB '*[^0-9]*'
  AND CAST(InternalNote AS INTEGER) IN (SELECT Id FROM UserAccount);
