using Portal.Core.Languages;
using Portal.Core.Reports.Themes;
using Portal.Core.Time;

namespace Portal.Web.Hosting;

/// <summary>
/// Two theme reports (テーマレポート) as the city runs them, placed around today so that both are open on a fresh clone:
/// 「通学路の危険箇所」 over the whole city for two months, and 「倒木・落枝（台風後）」 for two weeks in three wards. Seeded
/// once each, by code; the demo reports that fit one (its period, categories and area) are filed into it.
/// </summary>
public static class DemoThemes
{
    public static IReadOnlyList<ReportTheme> For(DateOnly today) =>
    [
        new("school-routes",
            Text("通学路の危険箇所", "通学路《つうがくろ》の あぶない ところ", "Dangerous spots on school routes", "上学路上的危险地点", "통학로의 위험 장소", "Điểm nguy hiểm trên đường đến trường"),
            Text("子どもたちが毎日歩く通学路で、見通しの悪い交差点、歩道の段差、消えている街灯など、危ないと感じた場所を教えてください。",
                "子《こ》どもが まいにち 歩《ある》く 道《みち》で、あぶないと 思《おも》った ところを おしえて ください。",
                "Tell us where the routes children walk to school every day feel dangerous: blind crossings, broken pavements, street lights that are out.",
                "请告诉我们孩子们每天上学路上让您感到危险的地方：视线不好的路口、人行道的高低差、不亮的路灯等。",
                "아이들이 매일 걷는 통학로에서 시야가 나쁜 교차로, 보도의 단차, 꺼진 가로등 등 위험하다고 느낀 곳을 알려 주세요.",
                "Hãy cho chúng tôi biết những chỗ nguy hiểm trên đường trẻ em đi học mỗi ngày: ngã tư khuất tầm nhìn, vỉa hè gồ ghề, đèn đường bị tắt."),
            Text("いただいたレポートは、学校・PTA・警察と行う通学路合同点検の参考にします。", "いただいた レポートは、学校《がっこう》や 警察《けいさつ》と いっしょに 道《みち》を しらべる ときに つかいます。",
                "Your reports help the joint school-route inspection with schools, parents and the police.", null, null, null),
            today.AddDays(-20), today.AddDays(40),
            ["road-other", "road-sidewalk", "road-sign-mirror", "road-street-light"], ThemeArea.WholeCity),
        new("typhoon-trees",
            Text("倒木・落枝（台風後）", "たおれた 木《き》・おちた えだ（台風《たいふう》の あと）", "Fallen trees and branches (after the typhoon)", "倒下的树木和掉落的树枝（台风过后）",
                "쓰러진 나무·떨어진 가지 (태풍 후)", "Cây đổ, cành gãy (sau bão)"),
            Text("台風のあと、道路や公園に倒れた木や落ちた枝があれば、場所と写真を送ってください。",
                "台風《たいふう》の あと、道《みち》や 公園《こうえん》に たおれた 木《き》や おちた えだが あったら、場所《ばしょ》と 写真《しゃしん》を 送《おく》って ください。",
                "After the typhoon, send us the place and a photo of any tree or branch down on a road or in a park.",
                "台风过后，如果道路或公园里有倒下的树木或掉落的树枝，请发送地点和照片。",
                "태풍 후 도로나 공원에 쓰러진 나무나 떨어진 가지가 있으면 장소와 사진을 보내 주세요.",
                "Sau bão, nếu thấy cây đổ hoặc cành gãy trên đường hay trong công viên, hãy gửi vị trí và ảnh."),
            null,
            today.AddDays(-5), today.AddDays(9),
            ["park-other", "park-trees", "road-other"], new ThemeArea(["chuo", "midori", "wakaba"], null)),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var themes = services.GetRequiredService<IReportThemeRepository>();
        var time = services.GetRequiredService<TimeProvider>();
        foreach (var theme in For(JapanTime.Today(time)))
            if (await themes.GetAsync(theme.Code, ct) is null)
                await themes.SaveAsync(theme, time.GetUtcNow(), ct);
    }

    private static LocalizedText Text(string ja, string jaEasy, string en, string? zh, string? ko, string? vi) =>
        LocalizedText.From(new Dictionary<string, string?>
        {
            [Language.Japanese] = ja, [Language.EasyJapanese] = jaEasy, [Language.English] = en, ["zh-Hans"] = zh, ["ko"] = ko, ["vi"] = vi,
        });
}
