-- City Points texts residents read become city texts in every language (issue 16, SQLite): a JSON object of
-- language code to text, Japanese always present (Portal.Core.Languages.LocalizedText). Each text column is
-- replaced by a JSON column of the same name, filled from the old text as the Japanese one, so every existing
-- row keeps its text. (SQLite drops a column whose only constraint is its own CHECK without a table rebuild.)

-- Programmes: Name.
ALTER TABLE PointProgramme ADD COLUMN NameText TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(NameText));
UPDATE PointProgramme SET NameText = json_object('ja', Name);
ALTER TABLE PointProgramme DROP COLUMN Name;
ALTER TABLE PointProgramme RENAME COLUMN NameText TO Name;

-- Events: Title and Place.
ALTER TABLE PointEvent ADD COLUMN TitleText TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(TitleText));
ALTER TABLE PointEvent ADD COLUMN PlaceText TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(PlaceText));
UPDATE PointEvent SET TitleText = json_object('ja', Title), PlaceText = json_object('ja', Place);
ALTER TABLE PointEvent DROP COLUMN Title;
ALTER TABLE PointEvent DROP COLUMN Place;
ALTER TABLE PointEvent RENAME COLUMN TitleText TO Title;
ALTER TABLE PointEvent RENAME COLUMN PlaceText TO Place;

-- Catalogue items: Name, and Description, which may be absent (NULL; an empty description was no text).
ALTER TABLE PointCatalogItem ADD COLUMN NameText TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(NameText));
ALTER TABLE PointCatalogItem ADD COLUMN DescriptionText TEXT NULL CHECK (DescriptionText IS NULL OR json_valid(DescriptionText));
UPDATE PointCatalogItem SET NameText = json_object('ja', Name),
    DescriptionText = CASE WHEN trim(Description) = '' THEN NULL ELSE json_object('ja', Description) END;
ALTER TABLE PointCatalogItem DROP COLUMN Name;
ALTER TABLE PointCatalogItem DROP COLUMN Description;
ALTER TABLE PointCatalogItem RENAME COLUMN NameText TO Name;
ALTER TABLE PointCatalogItem RENAME COLUMN DescriptionText TO Description;

-- Partners and non-profits: the ledger account keeps its plain Name (the books' name); what residents read is the
-- public name and description, city texts of their own. Existing ones start from the ledger name in Japanese.
ALTER TABLE PointAccount ADD COLUMN PublicName TEXT NULL CHECK (PublicName IS NULL OR json_valid(PublicName));
ALTER TABLE PointAccount ADD COLUMN Description TEXT NULL CHECK (Description IS NULL OR json_valid(Description));
UPDATE PointAccount SET PublicName = json_object('ja', Name) WHERE Kind IN ('Partner', 'NonProfit');
