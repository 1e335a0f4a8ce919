using System.Globalization;
using Portal.Core.Languages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Portal.Web;
using Portal.Web.Languages;
using Portal.Web.Queues.Streams;
using Portal.Tests.Browser;

namespace Portal.Tests.Queues;

/// <summary>The light queue pages' words: made once per language and kept, so a broadcast to thousands of pages only looks them up.</summary>
public sealed class QueueWordsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddPortalLocalization().BuildServiceProvider();

    private QueueWordBook Book() => new(_services.GetRequiredService<IStringLocalizer<SharedResource>>(), _services.GetRequiredService<OfferedLanguages>());

    [Fact]
    public void The_people_ahead_of_every_page_in_a_line_of_thousands_are_kept_once_made()
    {
        // A line of 6,000 gives 6,000 distinct counts in one broadcast: a cache that starts again at 4,096 entries made
        // most of them anew on every broadcast (and locked the whole cache to count it), a sixth of the server's work.
        var words = Book().For(CultureInfo.GetCultureInfo("ja"));
        var first = Enumerable.Range(0, 6000).Select(words.People).ToList();
        var again = Enumerable.Range(0, 6000).Select(words.People).ToList();

        Assert.All(Enumerable.Range(0, 6000), n => Assert.Same(first[n], again[n]));
        Assert.Equal(string.Format(CultureInfo.GetCultureInfo("ja"), PortalText.Ja("Queue_PeopleCount"), 5999), again[5999].Written);
    }

    [Fact]
    public void Each_language_says_the_count_in_its_own_words_also_past_what_is_kept()
    {
        var english = Book().For(CultureInfo.GetCultureInfo("en"));

        Assert.Equal(string.Format(CultureInfo.GetCultureInfo("en"), PortalText.En("Queue_PeopleCount"), 12), english.People(12).Written);
        Assert.Equal(string.Format(CultureInfo.GetCultureInfo("en"), PortalText.En("Queue_PeopleCount"), 250_000), english.People(250_000).Written);
    }

    public void Dispose() => _services.Dispose();
}
