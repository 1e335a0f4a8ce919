using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Core.Languages;
using Portal.Core.Queues;
using Portal.Web;
using Portal.Web.Queues.Kiosk;

namespace Portal.Tests.Queues;

/// <summary>What the calling board says aloud: Japanese, then the office's second language.</summary>
public sealed class BoardCallOutTests
{
    private static readonly CalledTicket Called = new(1, "B007", 2, 3, LocalizedText.From([new("ja", "3番窓口"), new("en", "Counter 3"), new("vi", "Quầy số 3")]),
        TicketState.Called, DateTimeOffset.UnixEpoch, 0);

    private static readonly IStringLocalizer<SharedResource> Text = new StringLocalizer<SharedResource>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    [Theory]
    [InlineData("A012", "A 12")]
    [InlineData("B007", "B 7")]
    [InlineData("C100", "C 100")]
    [InlineData("A1000", "A 1000")]
    public void A_number_is_said_as_its_letter_and_its_value(string display, string said) =>
        Assert.Equal(said, BoardCallOut.Number(display));

    [Fact]
    public void Japanese_comes_first_then_the_first_other_language_of_the_board()
    {
        var said = BoardCallOut.For(Called, ["vi", "ja-Easy", "ko"], Text);
        Assert.Equal([new Utterance("ja-JP", "B 7番の方、3番窓口へお越しください。"), new Utterance("vi-VN", "Mời số B 7 đến Quầy số 3.")], said);
    }

    [Fact]
    public void A_board_in_Japanese_only_says_it_once()
    {
        var said = BoardCallOut.For(Called, ["ja", "ja-Easy"], Text);
        Assert.Equal([new Utterance("ja-JP", "B 7番の方、3番窓口へお越しください。")], said);
    }
}
