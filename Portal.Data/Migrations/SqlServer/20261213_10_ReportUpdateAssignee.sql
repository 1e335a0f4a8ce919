-- The staff member an assignment line of a report's history names, in its own column (issue 21, item 4). It was kept
-- as the account id's digits in InternalNote, which every reader had to parse. Lines written so far move over when the
-- id is an account's; any other text stays a note. Re-runnable: the column is added once, and the move finds nothing
-- left to move the second time.
IF COL_LENGTH(N'dbo.ReportUpdate', N'AssigneeId') IS NULL
    ALTER TABLE dbo.ReportUpdate ADD AssigneeId BIGINT NULL CONSTRAINT FK_ReportUpdate_Assignee REFERENCES dbo.UserAccount (Id);
GO

UPDATE u
SET AssigneeId = a.Id, InternalNote = NULL
FROM dbo.ReportUpdate u
JOIN dbo.UserAccount a ON a.Id = TRY_CAST(u.InternalNote AS BIGINT)
WHERE u.Kind = N'Assignment' AND u.InternalNote IS NOT NULL AND u.InternalNote NOT LIKE N'%[^0-9]%';
GO
