using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Portal.Core.Queues;
using Portal.Core.Rules;
using Portal.Web.Languages;
using Portal.Web.Shell;

namespace Portal.Web.Queues;

/// <summary>How the queue pages say estimates, bands and states, in the page's language.</summary>
public static class QueueText
{
    /// <summary>"15–25分" / "15–25 min"; "about 5 min" when the range is narrow.</summary>
    public static string Range(IStringLocalizer<SharedResource> l, WaitEstimate estimate)
    {
        var (key, minutes) = RangeWords(estimate);
        return l[key, minutes];
    }

    /// <summary><see cref="Range"/> for a page's content: easy Japanese's readings as &lt;ruby&gt;.</summary>
    public static MarkupString RangeHtml(IStringLocalizer<SharedResource> l, WaitEstimate estimate)
    {
        var (key, minutes) = RangeWords(estimate);
        return l.Html(key, minutes);
    }

    private static (string Key, object[] Minutes) RangeWords(WaitEstimate estimate)
    {
        var (low, high) = Minutes(estimate);
        if (high == 0) return ("Queue_WaitNone", []);
        return low == high ? ("Queue_WaitAbout", [high]) : ("Queue_WaitRange", [low, high]);
    }

    /// <summary>The range in whole minutes as the pages say it: the low end rounded down, the high end up.</summary>
    public static (int Low, int High) Minutes(WaitEstimate estimate)
    {
        var low = (int)Math.Floor(estimate.Low.TotalMinutes);
        return (low, Math.Max(low, (int)Math.Ceiling(estimate.High.TotalMinutes)));
    }

    public static string Band(IStringLocalizer<SharedResource> l, WaitBand band) => l[BandKey(band)];

    /// <summary><see cref="Band"/> for a page's content: easy Japanese's readings as &lt;ruby&gt;.</summary>
    public static MarkupString BandHtml(IStringLocalizer<SharedResource> l, WaitBand band) => l.Html(BandKey(band));

    private static string BandKey(WaitBand band) => band switch
    {
        WaitBand.Under20 => "Queue_BandUnder20",
        WaitBand.From20To40 => "Queue_Band20To40",
        _ => "Queue_BandOver40",
    };

    public static string BandClass(WaitBand band) => band switch
    {
        WaitBand.Under20 => "queue-band-low",
        WaitBand.From20To40 => "queue-band-mid",
        _ => "queue-band-high",
    };

    public static string State(IStringLocalizer<SharedResource> l, TicketState state) => state switch
    {
        TicketState.Waiting => l["Queue_StateWaiting"],
        TicketState.Called => l["Queue_StateCalled"],
        TicketState.Serving => l["Queue_StateServing"],
        TicketState.Served => l["Queue_StateServed"],
        TicketState.GivenBack => l["Queue_StateGivenBack"],
        _ => l["Queue_StateNoShow"],
    };

    public static string Error(IStringLocalizer<SharedResource> l, RuleException e) => l[e.Key];
}
