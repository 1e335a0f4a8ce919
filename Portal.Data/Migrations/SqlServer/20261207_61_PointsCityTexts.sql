-- City Points texts residents read become city texts in every language (issue 16, SQL Server): a JSON object of
-- language code to text, Japanese always present (Portal.Core.Languages.LocalizedText). Each text column is
-- replaced by an NVARCHAR(MAX) JSON column of the same name, filled from the old text as the Japanese one, so every
-- existing row keeps its text.

-- Programmes: Name.
ALTER TABLE dbo.PointProgramme ADD NameText NVARCHAR(MAX) NULL;
GO
UPDATE dbo.PointProgramme SET NameText = N'{"ja":"' + STRING_ESCAPE(Name, 'json') + N'"}';
ALTER TABLE dbo.PointProgramme DROP CONSTRAINT CK_PointProgramme_Name;
ALTER TABLE dbo.PointProgramme DROP COLUMN Name;
GO
EXEC sp_rename N'dbo.PointProgramme.NameText', N'Name', N'COLUMN';
GO
ALTER TABLE dbo.PointProgramme ALTER COLUMN Name NVARCHAR(MAX) NOT NULL;
ALTER TABLE dbo.PointProgramme ADD CONSTRAINT CK_PointProgramme_Name CHECK (ISJSON(Name) = 1);
GO

-- Events: Title and Place.
ALTER TABLE dbo.PointEvent ADD TitleText NVARCHAR(MAX) NULL, PlaceText NVARCHAR(MAX) NULL;
GO
UPDATE dbo.PointEvent SET TitleText = N'{"ja":"' + STRING_ESCAPE(Title, 'json') + N'"}', PlaceText = N'{"ja":"' + STRING_ESCAPE(Place, 'json') + N'"}';
ALTER TABLE dbo.PointEvent DROP CONSTRAINT CK_PointEvent_Title, CK_PointEvent_Place;
ALTER TABLE dbo.PointEvent DROP COLUMN Title, Place;
GO
EXEC sp_rename N'dbo.PointEvent.TitleText', N'Title', N'COLUMN';
EXEC sp_rename N'dbo.PointEvent.PlaceText', N'Place', N'COLUMN';
GO
ALTER TABLE dbo.PointEvent ALTER COLUMN Title NVARCHAR(MAX) NOT NULL;
ALTER TABLE dbo.PointEvent ALTER COLUMN Place NVARCHAR(MAX) NOT NULL;
ALTER TABLE dbo.PointEvent ADD CONSTRAINT CK_PointEvent_Title CHECK (ISJSON(Title) = 1), CONSTRAINT CK_PointEvent_Place CHECK (ISJSON(Place) = 1);
GO

-- Catalogue items: Name, and Description, which may be absent (NULL; an empty description was no text).
ALTER TABLE dbo.PointCatalogItem ADD NameText NVARCHAR(MAX) NULL, DescriptionText NVARCHAR(MAX) NULL;
GO
UPDATE dbo.PointCatalogItem SET NameText = N'{"ja":"' + STRING_ESCAPE(Name, 'json') + N'"}',
    DescriptionText = CASE WHEN LTRIM(RTRIM(Description)) = N'' THEN NULL ELSE N'{"ja":"' + STRING_ESCAPE(Description, 'json') + N'"}' END;
ALTER TABLE dbo.PointCatalogItem DROP CONSTRAINT CK_PointCatalogItem_Name;
ALTER TABLE dbo.PointCatalogItem DROP COLUMN Name, Description;
GO
EXEC sp_rename N'dbo.PointCatalogItem.NameText', N'Name', N'COLUMN';
EXEC sp_rename N'dbo.PointCatalogItem.DescriptionText', N'Description', N'COLUMN';
GO
ALTER TABLE dbo.PointCatalogItem ALTER COLUMN Name NVARCHAR(MAX) NOT NULL;
ALTER TABLE dbo.PointCatalogItem ADD CONSTRAINT CK_PointCatalogItem_Name CHECK (ISJSON(Name) = 1),
    CONSTRAINT CK_PointCatalogItem_Description CHECK (Description IS NULL OR ISJSON(Description) = 1);
GO

-- Partners and non-profits: the ledger account keeps its plain Name (the books' name); what residents read is the
-- public name and description, city texts of their own. Existing ones start from the ledger name in Japanese.
ALTER TABLE dbo.PointAccount ADD
    PublicName NVARCHAR(MAX) NULL CONSTRAINT CK_PointAccount_PublicName CHECK (PublicName IS NULL OR ISJSON(PublicName) = 1),
    Description NVARCHAR(MAX) NULL CONSTRAINT CK_PointAccount_Description CHECK (Description IS NULL OR ISJSON(Description) = 1);
GO
UPDATE dbo.PointAccount SET PublicName = N'{"ja":"' + STRING_ESCAPE(Name, 'json') + N'"}' WHERE Kind IN (N'Partner', N'NonProfit');
GO
