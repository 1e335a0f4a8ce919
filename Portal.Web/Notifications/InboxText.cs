using System.Globalization;
using Portal.Core.Notifications;

namespace Portal.Web.Notifications;

/// <summary>
/// The subject and body of an in-app notice in the reader's language (the page's), which may differ from the
/// language the notice was written for e-mail or LINE.
/// </summary>
public static class InboxText
{
    public static NoticeText Of(NoticeRenderer renderer, InboxNotice notice)
    {
        try
        {
            return renderer.Render(notice.Kind, CultureInfo.CurrentUICulture.Name, notice.Values);
        }
        catch (NoticeTemplateException)
        {
            // The worker renders before it delivers, so a delivered notice renders; this guards old rows only.
            return new NoticeText(notice.Kind.ToString(), "");
        }
    }

    /// <summary>Only links inside the portal are followed from the notification centre.</summary>
    public static string? SafeLink(string? link) =>
        link is { Length: > 1 } && link[0] == '/' && link[1] != '/' && link[1] != '\\' ? link : null;
}
