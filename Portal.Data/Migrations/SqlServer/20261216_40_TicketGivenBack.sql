-- A resident gives their ticket back from the ticket page (issue 18, item 4): the ticket's new state GivenBack and its
-- event of the same name. Re-runnable: each check is replaced only while it lacks the new value.
IF OBJECT_ID(N'dbo.CK_QueueTicket_State', N'C') IS NOT NULL
   AND CHARINDEX(N'GivenBack', OBJECT_DEFINITION(OBJECT_ID(N'dbo.CK_QueueTicket_State'))) = 0
    ALTER TABLE dbo.QueueTicket DROP CONSTRAINT CK_QueueTicket_State;
GO

IF OBJECT_ID(N'dbo.CK_QueueTicket_State', N'C') IS NULL
    ALTER TABLE dbo.QueueTicket ADD CONSTRAINT CK_QueueTicket_State
        CHECK (State IN (N'Waiting', N'Called', N'Serving', N'Served', N'NoShow', N'GivenBack'));
GO

IF OBJECT_ID(N'dbo.CK_QueueTicketEvent_Kind', N'C') IS NOT NULL
   AND CHARINDEX(N'GivenBack', OBJECT_DEFINITION(OBJECT_ID(N'dbo.CK_QueueTicketEvent_Kind'))) = 0
    ALTER TABLE dbo.QueueTicketEvent DROP CONSTRAINT CK_QueueTicketEvent_Kind;
GO

IF OBJECT_ID(N'dbo.CK_QueueTicketEvent_Kind', N'C') IS NULL
    ALTER TABLE dbo.QueueTicketEvent ADD CONSTRAINT CK_QueueTicketEvent_Kind
        CHECK (Kind IN (N'Issued', N'Called', N'Recalled', N'Serving', N'Transferred', N'Served', N'NoShow', N'GivenBack'));
GO
