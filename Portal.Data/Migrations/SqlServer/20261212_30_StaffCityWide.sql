-- Ward scope (SQL Server). Staff work for their own ward office; city-wide work (every ward's reports, tickets and
-- counters, the register import, registration letters, the whole city's statistics) needs this permission, which
-- an administrator grants or removes per staff account (audited). Only staff hold it: administrators work city-wide
-- by their role.
IF COL_LENGTH(N'dbo.UserAccount', N'CityWide') IS NULL
    ALTER TABLE dbo.UserAccount ADD CityWide BIT NOT NULL CONSTRAINT DF_UserAccount_CityWide DEFAULT 0;
GO

IF OBJECT_ID(N'dbo.CK_UserAccount_CityWide', N'C') IS NULL
    ALTER TABLE dbo.UserAccount ADD CONSTRAINT CK_UserAccount_CityWide CHECK (CityWide = 0 OR Role = N'Staff');
GO
