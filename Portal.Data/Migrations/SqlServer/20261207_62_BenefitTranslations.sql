-- For You (issue 16, SQL Server): the translations of a published benefit version. A published version never
-- changes (its rule, dates, test cases and Japanese texts: TR_BenefitVersion_PublishedIsFinal); translations of its
-- texts are kept here, beside it, so that a language can be added or corrected later without a new version. Each
-- text is a city text (JSON of language code to text) whose Japanese is the version's own; a draft keeps its
-- translations in its content. Existing versions keep reading their Japanese and English texts from their content.
IF OBJECT_ID(N'dbo.BenefitVersionText', N'U') IS NULL
CREATE TABLE dbo.BenefitVersionText (
    VersionId    BIGINT            NOT NULL CONSTRAINT PK_BenefitVersionText PRIMARY KEY
                                   CONSTRAINT FK_BenefitVersionText_Version REFERENCES dbo.BenefitVersion (Id),
    Name         NVARCHAR(MAX)     NOT NULL CONSTRAINT CK_BenefitVersionText_Name CHECK (ISJSON(Name) = 1),
    Description  NVARCHAR(MAX)     NULL CONSTRAINT CK_BenefitVersionText_Description CHECK (Description IS NULL OR ISJSON(Description) = 1),
    HowToApply   NVARCHAR(MAX)     NULL CONSTRAINT CK_BenefitVersionText_HowToApply CHECK (HowToApply IS NULL OR ISJSON(HowToApply) = 1),
    SavedUtc     DATETIMEOFFSET(7) NOT NULL,
    SavedById    BIGINT            NULL CONSTRAINT FK_BenefitVersionText_SavedBy REFERENCES dbo.UserAccount (Id)
);
