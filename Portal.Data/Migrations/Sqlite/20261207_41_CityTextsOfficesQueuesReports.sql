-- City texts (issue 16): a ward office's name and address, a queue service's and a counter's name and a report
-- category's name become one column each holding the text in every language the city writes, as a JSON object of
-- language code to text ({"ja": "中央区役所", "en": "Chuo Ward Office", ...}; Portal.Core LocalizedText), instead of a
-- Japanese and an English column. Every existing row keeps its texts; the seeded reference data (the six ward offices,
-- the categories still as seeded) gets all six languages: ja, ja-Easy (readings in 《》), en, zh-Hans, ko, vi. (SQLite)

-- Ward offices: reference data, the same everywhere.
ALTER TABLE WardOffice ADD COLUMN NameText TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(NameText));
ALTER TABLE WardOffice ADD COLUMN AddressText TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(AddressText));
UPDATE WardOffice SET NameText = json_object('ja', NameJa, 'en', NameEn), AddressText = json_object('ja', AddressJa, 'en', AddressEn);
UPDATE WardOffice SET
    NameText = '{"ja":"中央区役所","ja-Easy":"中央区役所《ちゅうおうくやくしょ》","en":"Chuo Ward Office","zh-Hans":"中央区役所","ko":"주오구청","vi":"Văn phòng quận Chuo"}',
    AddressText = '{"ja":"中央区中央4-5-1","ja-Easy":"中央区《ちゅうおうく》中央《ちゅうおう》4-5-1","en":"4-5-1 Chuo, Chuo-ku","zh-Hans":"中央区中央4-5-1","ko":"주오구 주오 4-5-1","vi":"4-5-1 Chuo, quận Chuo"}'
WHERE Id = 'chuo';
UPDATE WardOffice SET
    NameText = '{"ja":"花見川区役所","ja-Easy":"花見川区役所《はなみがわくやくしょ》","en":"Hanamigawa Ward Office","zh-Hans":"花见川区役所","ko":"하나미가와구청","vi":"Văn phòng quận Hanamigawa"}',
    AddressText = '{"ja":"花見川区瑞穂1-1","ja-Easy":"花見川区《はなみがわく》瑞穂《みずほ》1-1","en":"1-1 Mizuho, Hanamigawa-ku","zh-Hans":"花见川区瑞穗1-1","ko":"하나미가와구 미즈호 1-1","vi":"1-1 Mizuho, quận Hanamigawa"}'
WHERE Id = 'hanamigawa';
UPDATE WardOffice SET
    NameText = '{"ja":"稲毛区役所","ja-Easy":"稲毛区役所《いなげくやくしょ》","en":"Inage Ward Office","zh-Hans":"稻毛区役所","ko":"이나게구청","vi":"Văn phòng quận Inage"}',
    AddressText = '{"ja":"稲毛区穴川4-12-1","ja-Easy":"稲毛区《いなげく》穴川《あながわ》4-12-1","en":"4-12-1 Anagawa, Inage-ku","zh-Hans":"稻毛区穴川4-12-1","ko":"이나게구 아나가와 4-12-1","vi":"4-12-1 Anagawa, quận Inage"}'
WHERE Id = 'inage';
UPDATE WardOffice SET
    NameText = '{"ja":"若葉区役所","ja-Easy":"若葉区役所《わかばくやくしょ》","en":"Wakaba Ward Office","zh-Hans":"若叶区役所","ko":"와카바구청","vi":"Văn phòng quận Wakaba"}',
    AddressText = '{"ja":"若葉区貝塚2-19-1","ja-Easy":"若葉区《わかばく》貝塚《かいづか》2-19-1","en":"2-19-1 Kaizuka, Wakaba-ku","zh-Hans":"若叶区贝冢2-19-1","ko":"와카바구 가이즈카 2-19-1","vi":"2-19-1 Kaizuka, quận Wakaba"}'
WHERE Id = 'wakaba';
UPDATE WardOffice SET
    NameText = '{"ja":"緑区役所","ja-Easy":"緑区役所《みどりくやくしょ》","en":"Midori Ward Office","zh-Hans":"绿区役所","ko":"미도리구청","vi":"Văn phòng quận Midori"}',
    AddressText = '{"ja":"緑区鎌取町226-1","ja-Easy":"緑区《みどりく》鎌取町《かまとりちょう》226-1","en":"226-1 Kamatori-cho, Midori-ku","zh-Hans":"绿区镰取町226-1","ko":"미도리구 가마토리초 226-1","vi":"226-1 Kamatori-cho, quận Midori"}'
WHERE Id = 'midori';
UPDATE WardOffice SET
    NameText = '{"ja":"美浜区役所","ja-Easy":"美浜区役所《みはまくやくしょ》","en":"Mihama Ward Office","zh-Hans":"美滨区役所","ko":"미하마구청","vi":"Văn phòng quận Mihama"}',
    AddressText = '{"ja":"美浜区真砂5-15-1","ja-Easy":"美浜区《みはまく》真砂《まさご》5-15-1","en":"5-15-1 Masago, Mihama-ku","zh-Hans":"美滨区真砂5-15-1","ko":"미하마구 마사고 5-15-1","vi":"5-15-1 Masago, quận Mihama"}'
WHERE Id = 'mihama';
ALTER TABLE WardOffice DROP COLUMN NameJa;
ALTER TABLE WardOffice DROP COLUMN NameEn;
ALTER TABLE WardOffice DROP COLUMN AddressJa;
ALTER TABLE WardOffice DROP COLUMN AddressEn;

-- Queue services: admins write them (the demo's are seeded by the Development demo data).
ALTER TABLE QueueService ADD COLUMN NameText TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(NameText));
UPDATE QueueService SET NameText = json_object('ja', NameJa, 'en', NameEn);
ALTER TABLE QueueService DROP COLUMN NameJa;
ALTER TABLE QueueService DROP COLUMN NameEn;

-- Counters: Name stays, as the counter's Japanese name, which UQ_QueueCounter_Name keeps unique per office (SQLite
-- cannot drop a column under a unique key without rebuilding the table); the portal writes it with NameText.
ALTER TABLE QueueCounter ADD COLUMN NameText TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(NameText));
UPDATE QueueCounter SET NameText = json_object('ja', Name);

-- Report categories: the seeded ones that admins have not renamed get every language.
ALTER TABLE ReportCategory ADD COLUMN NameText TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(NameText));
UPDATE ReportCategory SET NameText = json_object('ja', NameJa, 'en', NameEn);
UPDATE ReportCategory SET NameText = '{"ja":"道路の穴・陥没","ja-Easy":"道《みち》の 穴《あな》や へこみ","en":"Pothole or sunken road","zh-Hans":"道路坑洞或塌陷","ko":"도로 구멍·함몰","vi":"Ổ gà hoặc mặt đường bị lún"}'
WHERE Code = 'road-pothole' AND NameJa = '道路の穴・陥没' AND NameEn = 'Pothole or sunken road';
UPDATE ReportCategory SET NameText = '{"ja":"街灯の故障","ja-Easy":"道《みち》の あかりが つかない","en":"Street light out","zh-Hans":"路灯故障","ko":"가로등 고장","vi":"Đèn đường bị hỏng"}'
WHERE Code = 'road-street-light' AND NameJa = '街灯の故障' AND NameEn = 'Street light out';
UPDATE ReportCategory SET NameText = '{"ja":"標識・カーブミラー","ja-Easy":"道路《どうろ》の 標識《ひょうしき》や カーブミラー","en":"Sign or curve mirror","zh-Hans":"交通标志或道路反光镜","ko":"표지판·도로 반사경","vi":"Biển báo hoặc gương cầu lồi"}'
WHERE Code = 'road-sign-mirror' AND NameJa = '標識・カーブミラー' AND NameEn = 'Sign or curve mirror';
UPDATE ReportCategory SET NameText = '{"ja":"歩道の段差・破損","ja-Easy":"歩道《ほどう》の でこぼこや こわれた ところ","en":"Broken or uneven pavement","zh-Hans":"人行道高低不平或破损","ko":"보도 단차·파손","vi":"Vỉa hè gồ ghề hoặc hư hỏng"}'
WHERE Code = 'road-sidewalk' AND NameJa = '歩道の段差・破損' AND NameEn = 'Broken or uneven pavement';
UPDATE ReportCategory SET NameText = '{"ja":"道路のその他","ja-Easy":"道《みち》の ほかの こと","en":"Other road problem","zh-Hans":"其他道路问题","ko":"기타 도로 문제","vi":"Vấn đề khác về đường sá"}'
WHERE Code = 'road-other' AND NameJa = '道路のその他' AND NameEn = 'Other road problem';
UPDATE ReportCategory SET NameText = '{"ja":"遊具の破損","ja-Easy":"公園《こうえん》の 遊具《ゆうぐ》が こわれた","en":"Broken play equipment","zh-Hans":"游乐设施损坏","ko":"놀이기구 파손","vi":"Đồ chơi ở công viên bị hỏng"}'
WHERE Code = 'park-play-equipment' AND NameJa = '遊具の破損' AND NameEn = 'Broken play equipment';
UPDATE ReportCategory SET NameText = '{"ja":"ベンチ・設備の破損","ja-Easy":"公園《こうえん》の ベンチなどが こわれた","en":"Broken bench or fixture","zh-Hans":"长椅或设施损坏","ko":"벤치·시설 파손","vi":"Ghế băng hoặc thiết bị bị hỏng"}'
WHERE Code = 'park-bench' AND NameJa = 'ベンチ・設備の破損' AND NameEn = 'Broken bench or fixture';
UPDATE ReportCategory SET NameText = '{"ja":"樹木・草の繁茂","ja-Easy":"木《き》や 草《くさ》が のびすぎて いる","en":"Overgrown trees or grass","zh-Hans":"树木或杂草过于茂盛","ko":"나무·풀이 너무 무성함","vi":"Cây cối hoặc cỏ mọc um tùm"}'
WHERE Code = 'park-trees' AND NameJa = '樹木・草の繁茂' AND NameEn = 'Overgrown trees or grass';
UPDATE ReportCategory SET NameText = '{"ja":"公園のその他","ja-Easy":"公園《こうえん》の ほかの こと","en":"Other park problem","zh-Hans":"其他公园问题","ko":"기타 공원 문제","vi":"Vấn đề khác về công viên"}'
WHERE Code = 'park-other' AND NameJa = '公園のその他' AND NameEn = 'Other park problem';
UPDATE ReportCategory SET NameText = '{"ja":"不法投棄","ja-Easy":"すてては いけない 場所《ばしょ》の ごみ","en":"Illegal dumping","zh-Hans":"非法丢弃垃圾","ko":"쓰레기 불법 투기","vi":"Đổ rác trái phép"}'
WHERE Code = 'litter-dumping' AND NameJa = '不法投棄' AND NameEn = 'Illegal dumping';
UPDATE ReportCategory SET NameText = '{"ja":"ごみの散乱","ja-Easy":"ごみが ちらかって いる","en":"Scattered litter","zh-Hans":"垃圾散落","ko":"흩어진 쓰레기","vi":"Rác vương vãi"}'
WHERE Code = 'litter-scattered' AND NameJa = 'ごみの散乱' AND NameEn = 'Scattered litter';
UPDATE ReportCategory SET NameText = '{"ja":"落書き","ja-Easy":"落書《らくが》き","en":"Graffiti","zh-Hans":"涂鸦","ko":"낙서","vi":"Vẽ bậy"}'
WHERE Code = 'other-graffiti' AND NameJa = '落書き' AND NameEn = 'Graffiti';
UPDATE ReportCategory SET NameText = '{"ja":"その他","ja-Easy":"そのほか","en":"Something else","zh-Hans":"其他","ko":"기타","vi":"Vấn đề khác"}'
WHERE Code = 'other-other' AND NameJa = 'その他' AND NameEn = 'Something else';
ALTER TABLE ReportCategory DROP COLUMN NameJa;
ALTER TABLE ReportCategory DROP COLUMN NameEn;
