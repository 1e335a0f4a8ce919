-- Category questions and their answers (issue 17, item 6). Administrators add questions to a category (text, number,
-- choice; required or not): the report form asks them, staff read the answers, Open311 serves them as a service's
-- attributes. Both are small JSON documents read and written whole with their row (Portal.Core ReportAnswers):
-- ReportCategory.QuestionsJson, an array of questions; Report.AnswersJson, an object of question code to answer.
ALTER TABLE ReportCategory ADD COLUMN QuestionsJson TEXT NULL;
ALTER TABLE Report ADD COLUMN AnswersJson TEXT NULL;

-- A street light is found by the number on its pole; what it does tells the crew what to bring.
UPDATE ReportCategory SET QuestionsJson = '[{"Code": "pole-number", "Kind": "Text", "Prompt": {"ja": "電柱・街灯の番号（分かれば）", "ja-Easy": "電柱《でんちゅう》や 街灯《がいとう》の 番号《ばんごう》（わかれば）", "en": "Number on the pole or light (if you can see it)", "zh-Hans": "电线杆或路灯上的编号（如知道）", "ko": "전봇대·가로등 번호 (알면)", "vi": "Số trên cột điện hoặc đèn đường (nếu biết)"}, "Required": false, "Options": []}, {"Code": "light-state", "Kind": "Choice", "Prompt": {"ja": "明かりの状態", "ja-Easy": "あかりの ようす", "en": "What the light does", "zh-Hans": "灯的状态", "ko": "불빛 상태", "vi": "Tình trạng đèn"}, "Required": false, "Options": [{"Key": "off", "Label": {"ja": "消えている", "ja-Easy": "きえて いる", "en": "Off", "zh-Hans": "不亮", "ko": "꺼져 있음", "vi": "Không sáng"}}, {"Key": "flickering", "Label": {"ja": "点滅している", "ja-Easy": "ついたり きえたり して いる", "en": "Flickering", "zh-Hans": "闪烁", "ko": "깜박임", "vi": "Chập chờn"}}, {"Key": "on-in-daytime", "Label": {"ja": "昼もついている", "ja-Easy": "昼《ひる》も ついて いる", "en": "On in the daytime", "zh-Hans": "白天也亮着", "ko": "낮에도 켜져 있음", "vi": "Sáng cả ban ngày"}}]}]'
WHERE Code = 'road-street-light' AND QuestionsJson IS NULL;
