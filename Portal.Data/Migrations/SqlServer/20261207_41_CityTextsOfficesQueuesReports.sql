-- City texts (issue 16): a ward office's name and address, a queue service's and a counter's name and a report
-- category's name become one column each holding the text in every language the city writes, as a JSON object of
-- language code to text ({"ja": "中央区役所", "en": "Chuo Ward Office", ...}; Portal.Core LocalizedText), instead of a
-- Japanese and an English column. Every existing row keeps its texts; the seeded reference data (the six ward offices,
-- the categories still as seeded) gets all six languages: ja, ja-Easy (readings in 《》), en, zh-Hans, ko, vi. (SQL Server)

ALTER TABLE dbo.WardOffice ADD NameText NVARCHAR(MAX) NULL, AddressText NVARCHAR(MAX) NULL;
ALTER TABLE dbo.QueueService ADD NameText NVARCHAR(MAX) NULL;
ALTER TABLE dbo.QueueCounter ADD NameText NVARCHAR(MAX) NULL;
ALTER TABLE dbo.ReportCategory ADD NameText NVARCHAR(MAX) NULL;
GO

-- Ward offices: reference data, the same everywhere.
UPDATE dbo.WardOffice SET
    NameText = (SELECT NameJa AS [ja], NameEn AS [en] FOR JSON PATH, WITHOUT_ARRAY_WRAPPER),
    AddressText = (SELECT AddressJa AS [ja], AddressEn AS [en] FOR JSON PATH, WITHOUT_ARRAY_WRAPPER);
UPDATE dbo.WardOffice SET
    NameText = N'{"ja":"中央区役所","ja-Easy":"中央区役所《ちゅうおうくやくしょ》","en":"Chuo Ward Office","zh-Hans":"中央区役所","ko":"주오구청","vi":"Văn phòng quận Chuo"}',
    AddressText = N'{"ja":"中央区中央4-5-1","ja-Easy":"中央区《ちゅうおうく》中央《ちゅうおう》4-5-1","en":"4-5-1 Chuo, Chuo-ku","zh-Hans":"中央区中央4-5-1","ko":"주오구 주오 4-5-1","vi":"4-5-1 Chuo, quận Chuo"}'
WHERE Id = N'chuo';
UPDATE dbo.WardOffice SET
    NameText = N'{"ja":"花見川区役所","ja-Easy":"花見川区役所《はなみがわくやくしょ》","en":"Hanamigawa Ward Office","zh-Hans":"花见川区役所","ko":"하나미가와구청","vi":"Văn phòng quận Hanamigawa"}',
    AddressText = N'{"ja":"花見川区瑞穂1-1","ja-Easy":"花見川区《はなみがわく》瑞穂《みずほ》1-1","en":"1-1 Mizuho, Hanamigawa-ku","zh-Hans":"花见川区瑞穗1-1","ko":"하나미가와구 미즈호 1-1","vi":"1-1 Mizuho, quận Hanamigawa"}'
WHERE Id = N'hanamigawa';
UPDATE dbo.WardOffice SET
    NameText = N'{"ja":"稲毛区役所","ja-Easy":"稲毛区役所《いなげくやくしょ》","en":"Inage Ward Office","zh-Hans":"稻毛区役所","ko":"이나게구청","vi":"Văn phòng quận Inage"}',
    AddressText = N'{"ja":"稲毛区穴川4-12-1","ja-Easy":"稲毛区《いなげく》穴川《あながわ》4-12-1","en":"4-12-1 Anagawa, Inage-ku","zh-Hans":"稻毛区穴川4-12-1","ko":"이나게구 아나가와 4-12-1","vi":"4-12-1 Anagawa, quận Inage"}'
WHERE Id = N'inage';
UPDATE dbo.WardOffice SET
    NameText = N'{"ja":"若葉区役所","ja-Easy":"若葉区役所《わかばくやくしょ》","en":"Wakaba Ward Office","zh-Hans":"若叶区役所","ko":"와카바구청","vi":"Văn phòng quận Wakaba"}',
    AddressText = N'{"ja":"若葉区貝塚2-19-1","ja-Easy":"若葉区《わかばく》貝塚《かいづか》2-19-1","en":"2-19-1 Kaizuka, Wakaba-ku","zh-Hans":"若叶区贝冢2-19-1","ko":"와카바구 가이즈카 2-19-1","vi":"2-19-1 Kaizuka, quận Wakaba"}'
WHERE Id = N'wakaba';
UPDATE dbo.WardOffice SET
    NameText = N'{"ja":"緑区役所","ja-Easy":"緑区役所《みどりくやくしょ》","en":"Midori Ward Office","zh-Hans":"绿区役所","ko":"미도리구청","vi":"Văn phòng quận Midori"}',
    AddressText = N'{"ja":"緑区鎌取町226-1","ja-Easy":"緑区《みどりく》鎌取町《かまとりちょう》226-1","en":"226-1 Kamatori-cho, Midori-ku","zh-Hans":"绿区镰取町226-1","ko":"미도리구 가마토리초 226-1","vi":"226-1 Kamatori-cho, quận Midori"}'
WHERE Id = N'midori';
UPDATE dbo.WardOffice SET
    NameText = N'{"ja":"美浜区役所","ja-Easy":"美浜区役所《みはまくやくしょ》","en":"Mihama Ward Office","zh-Hans":"美滨区役所","ko":"미하마구청","vi":"Văn phòng quận Mihama"}',
    AddressText = N'{"ja":"美浜区真砂5-15-1","ja-Easy":"美浜区《みはまく》真砂《まさご》5-15-1","en":"5-15-1 Masago, Mihama-ku","zh-Hans":"美滨区真砂5-15-1","ko":"미하마구 마사고 5-15-1","vi":"5-15-1 Masago, quận Mihama"}'
WHERE Id = N'mihama';
ALTER TABLE dbo.WardOffice ALTER COLUMN NameText NVARCHAR(MAX) NOT NULL;
ALTER TABLE dbo.WardOffice ALTER COLUMN AddressText NVARCHAR(MAX) NOT NULL;
ALTER TABLE dbo.WardOffice ADD
    CONSTRAINT CK_WardOffice_NameText CHECK (ISJSON(NameText) = 1 AND JSON_VALUE(NameText, '$.ja') IS NOT NULL),
    CONSTRAINT CK_WardOffice_AddressText CHECK (ISJSON(AddressText) = 1 AND JSON_VALUE(AddressText, '$.ja') IS NOT NULL);
ALTER TABLE dbo.WardOffice DROP COLUMN NameJa, NameEn, AddressJa, AddressEn;

-- Queue services: admins write them (the demo's are seeded by the Development demo data).
UPDATE dbo.QueueService SET NameText = (SELECT NameJa AS [ja], NameEn AS [en] FOR JSON PATH, WITHOUT_ARRAY_WRAPPER);
ALTER TABLE dbo.QueueService ALTER COLUMN NameText NVARCHAR(MAX) NOT NULL;
ALTER TABLE dbo.QueueService ADD CONSTRAINT CK_QueueService_NameText CHECK (ISJSON(NameText) = 1 AND JSON_VALUE(NameText, '$.ja') IS NOT NULL);
ALTER TABLE dbo.QueueService DROP CONSTRAINT CK_QueueService_NameJa, CK_QueueService_NameEn;
ALTER TABLE dbo.QueueService DROP COLUMN NameJa, NameEn;

-- Counters: Name stays, as the counter's Japanese name, which UQ_QueueCounter_Name keeps unique per office (as on
-- SQLite); the portal writes it with NameText.
UPDATE dbo.QueueCounter SET NameText = (SELECT Name AS [ja] FOR JSON PATH, WITHOUT_ARRAY_WRAPPER);
ALTER TABLE dbo.QueueCounter ALTER COLUMN NameText NVARCHAR(MAX) NOT NULL;
ALTER TABLE dbo.QueueCounter ADD CONSTRAINT CK_QueueCounter_NameText CHECK (ISJSON(NameText) = 1 AND JSON_VALUE(NameText, '$.ja') IS NOT NULL);

-- Report categories: the seeded ones that admins have not renamed get every language.
UPDATE dbo.ReportCategory SET NameText = (SELECT NameJa AS [ja], NameEn AS [en] FOR JSON PATH, WITHOUT_ARRAY_WRAPPER);
UPDATE dbo.ReportCategory SET NameText = N'{"ja":"道路の穴・陥没","ja-Easy":"道《みち》の 穴《あな》や へこみ","en":"Pothole or sunken road","zh-Hans":"道路坑洞或塌陷","ko":"도로 구멍·함몰","vi":"Ổ gà hoặc mặt đường bị lún"}'
WHERE Code = N'road-pothole' AND NameJa = N'道路の穴・陥没' AND NameEn = N'Pothole or sunken road';
UPDATE dbo.ReportCategory SET NameText = N'{"ja":"街灯の故障","ja-Easy":"道《みち》の あかりが つかない","en":"Street light out","zh-Hans":"路灯故障","ko":"가로등 고장","vi":"Đèn đường bị hỏng"}'
WHERE Code = N'road-street-light' AND NameJa = N'街灯の故障' AND NameEn = N'Street light out';
UPDATE dbo.ReportCategory SET NameText = N'{"ja":"標識・カーブミラー","ja-Easy":"道路《どうろ》の 標識《ひょうしき》や カーブミラー","en":"Sign or curve mirror","zh-Hans":"交通标志或道路反光镜","ko":"표지판·도로 반사경","vi":"Biển báo hoặc gương cầu lồi"}'
WHERE Code = N'road-sign-mirror' AND NameJa = N'標識・カーブミラー' AND NameEn = N'Sign or curve mirror';
UPDATE dbo.ReportCategory SET NameText = N'{"ja":"歩道の段差・破損","ja-Easy":"歩道《ほどう》の でこぼこや こわれた ところ","en":"Broken or uneven pavement","zh-Hans":"人行道高低不平或破损","ko":"보도 단차·파손","vi":"Vỉa hè gồ ghề hoặc hư hỏng"}'
WHERE Code = N'road-sidewalk' AND NameJa = N'歩道の段差・破損' AND NameEn = N'Broken or uneven pavement';
UPDATE dbo.ReportCategory SET NameText = N'{"ja":"道路のその他","ja-Easy":"道《みち》の ほかの こと","en":"Other road problem","zh-Hans":"其他道路问题","ko":"기타 도로 문제","vi":"Vấn đề khác về đường sá"}'
WHERE Code = N'road-other' AND NameJa = N'道路のその他' AND NameEn = N'Other road problem';
UPDATE dbo.ReportCategory SET NameText = N'{"ja":"遊具の破損","ja-Easy":"公園《こうえん》の 遊具《ゆうぐ》が こわれた","en":"Broken play equipment","zh-Hans":"游乐设施损坏","ko":"놀이기구 파손","vi":"Đồ chơi ở công viên bị hỏng"}'
WHERE Code = N'park-play-equipment' AND NameJa = N'遊具の破損' AND NameEn = N'Broken play equipment';
UPDATE dbo.ReportCategory SET NameText = N'{"ja":"ベンチ・設備の破損","ja-Easy":"公園《こうえん》の ベンチなどが こわれた","en":"Broken bench or fixture","zh-Hans":"长椅或设施损坏","ko":"벤치·시설 파손","vi":"Ghế băng hoặc thiết bị bị hỏng"}'
WHERE Code = N'park-bench' AND NameJa = N'ベンチ・設備の破損' AND NameEn = N'Broken bench or fixture';
UPDATE dbo.ReportCategory SET NameText = N'{"ja":"樹木・草の繁茂","ja-Easy":"木《き》や 草《くさ》が のびすぎて いる","en":"Overgrown trees or grass","zh-Hans":"树木或杂草过于茂盛","ko":"나무·풀이 너무 무성함","vi":"Cây cối hoặc cỏ mọc um tùm"}'
WHERE Code = N'park-trees' AND NameJa = N'樹木・草の繁茂' AND NameEn = N'Overgrown trees or grass';
UPDATE dbo.ReportCategory SET NameText = N'{"ja":"公園のその他","ja-Easy":"公園《こうえん》の ほかの こと","en":"Other park problem","zh-Hans":"其他公园问题","ko":"기타 공원 문제","vi":"Vấn đề khác về công viên"}'
WHERE Code = N'park-other' AND NameJa = N'公園のその他' AND NameEn = N'Other park problem';
UPDATE dbo.ReportCategory SET NameText = N'{"ja":"不法投棄","ja-Easy":"すてては いけない 場所《ばしょ》の ごみ","en":"Illegal dumping","zh-Hans":"非法丢弃垃圾","ko":"쓰레기 불법 투기","vi":"Đổ rác trái phép"}'
WHERE Code = N'litter-dumping' AND NameJa = N'不法投棄' AND NameEn = N'Illegal dumping';
UPDATE dbo.ReportCategory SET NameText = N'{"ja":"ごみの散乱","ja-Easy":"ごみが ちらかって いる","en":"Scattered litter","zh-Hans":"垃圾散落","ko":"흩어진 쓰레기","vi":"Rác vương vãi"}'
WHERE Code = N'litter-scattered' AND NameJa = N'ごみの散乱' AND NameEn = N'Scattered litter';
UPDATE dbo.ReportCategory SET NameText = N'{"ja":"落書き","ja-Easy":"落書《らくが》き","en":"Graffiti","zh-Hans":"涂鸦","ko":"낙서","vi":"Vẽ bậy"}'
WHERE Code = N'other-graffiti' AND NameJa = N'落書き' AND NameEn = N'Graffiti';
UPDATE dbo.ReportCategory SET NameText = N'{"ja":"その他","ja-Easy":"そのほか","en":"Something else","zh-Hans":"其他","ko":"기타","vi":"Vấn đề khác"}'
WHERE Code = N'other-other' AND NameJa = N'その他' AND NameEn = N'Something else';
ALTER TABLE dbo.ReportCategory ALTER COLUMN NameText NVARCHAR(MAX) NOT NULL;
ALTER TABLE dbo.ReportCategory ADD CONSTRAINT CK_ReportCategory_NameText CHECK (ISJSON(NameText) = 1 AND JSON_VALUE(NameText, '$.ja') IS NOT NULL);
ALTER TABLE dbo.ReportCategory DROP COLUMN NameJa, NameEn;
GO
