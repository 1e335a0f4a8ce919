using Portal.Core.Languages;
using Portal.Web.Hosting;
using Portal.Web.Queues;
using Portal.Web.Queues.Kiosk;

namespace Portal.Tests.Queues;

/// <summary>Which language a calling board shows when.</summary>
public sealed class BoardLanguageCycleTests
{
    private static readonly DateTimeOffset Boundary = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero); // a multiple of 8 s since 1970

    [Fact]
    public void Each_language_stays_for_its_seconds_then_the_next_and_round_again()
    {
        var cycle = new BoardLanguageCycle(["ja", "en"], TimeSpan.FromSeconds(8), OfferedLanguages.Standard);

        Assert.Equal("ja", cycle.At(Boundary));
        Assert.Equal("ja", cycle.At(Boundary.AddSeconds(7.999)));
        Assert.Equal("en", cycle.At(Boundary.AddSeconds(8)));
        Assert.Equal("en", cycle.At(Boundary.AddSeconds(15)));
        Assert.Equal("ja", cycle.At(Boundary.AddSeconds(16)));
    }

    [Fact]
    public void Boards_opened_at_different_times_show_the_same_language_at_the_same_moment()
    {
        var hall = new BoardLanguageCycle(["en", "ja"], TimeSpan.FromSeconds(5), OfferedLanguages.Standard);
        var entrance = new BoardLanguageCycle(["en", "ja"], TimeSpan.FromSeconds(5), OfferedLanguages.Standard);

        Assert.All(Enumerable.Range(0, 30).Select(s => Boundary.AddSeconds(s * 0.7)), at => Assert.Equal(hall.At(at), entrance.At(at)));
    }

    [Fact]
    public void Without_a_configuration_a_board_shows_Japanese_and_English_every_eight_seconds()
    {
        var cycle = BoardLanguageCycle.From(new QueueOptions(), OfferedLanguages.Standard);

        Assert.Equal([PortalCultures.Japanese, PortalCultures.English], cycle.Languages);
        Assert.Equal(TimeSpan.FromSeconds(8), cycle.Each);
    }

    [Fact]
    public void Languages_the_portal_does_not_speak_and_repeats_are_left_out_and_a_too_short_turn_is_not_taken()
    {
        var cycle = BoardLanguageCycle.From(new QueueOptions { BoardLanguages = ["en", "xx", "en", "ja"], BoardLanguageSeconds = 0 }, OfferedLanguages.Standard);

        Assert.Equal(["en", "ja"], cycle.Languages);
        Assert.Equal(BoardLanguageCycle.DefaultEach, cycle.Each);
        Assert.Equal(BoardLanguageCycle.DefaultLanguages, BoardLanguageCycle.From(new QueueOptions { BoardLanguages = ["xx"] }, OfferedLanguages.Standard).Languages);
    }
}
