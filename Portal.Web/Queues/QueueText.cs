using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Core.Queues;
using Portal.Web.Shell;

namespace Portal.Web.Queues;

/// <summary>How the queue pages say estimates, bands and states, in the page's language.</summary>
public static class QueueText
{
    /// <summary>"15–25分" / "15–25 min"; "about 5 min" when the range is narrow.</summary>
    public static string Range(IStringLocalizer<SharedResource> l, WaitEstimate estimate)
    {
        var (low, high) = Minutes(estimate);
        if (high == 0) return l["Queue_WaitNone"];
        return low == high
            ? string.Format(CultureInfo.CurrentCulture, l["Queue_WaitAbout"], high)
            : string.Format(CultureInfo.CurrentCulture, l["Queue_WaitRange"], low, high);
    }

    /// <summary>The range in whole minutes as the pages say it: the low end rounded down, the high end up.</summary>
    public static (int Low, int High) Minutes(WaitEstimate estimate)
    {
        var low = (int)Math.Floor(estimate.Low.TotalMinutes);
        return (low, Math.Max(low, (int)Math.Ceiling(estimate.High.TotalMinutes)));
    }

    public static string Band(IStringLocalizer<SharedResource> l, WaitBand band) => band switch
    {
        WaitBand.Under20 => l["Queue_BandUnder20"],
        WaitBand.From20To40 => l["Queue_Band20To40"],
        _ => l["Queue_BandOver40"],
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
        _ => l["Queue_StateNoShow"],
    };

    public static string Error(IStringLocalizer<SharedResource> l, QueueRuleException e) => l[e.Key];
}
