using System.Globalization;
using Portal.Core.Notifications;
using Portal.Web.Live;

namespace Portal.Web.Notifications;

/// <summary>
/// The in-app channel. The notice row is the message; the delivery being Sent is what shows it in the
/// notification centre. So the send itself only checks the account, and once the worker has recorded the
/// delivery as Sent, the account's open pages (the bell) are told on "notices:account:{id}" to look again.
/// </summary>
public sealed class InAppNoticeSender(ILiveBus bus) : INoticeSender, INoticeSentListener
{
    public NoticeChannel Channel => NoticeChannel.InApp;

    public Task SendAsync(RenderedNotice notice, string destination, CancellationToken ct)
    {
        if (!long.TryParse(destination, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new NoticeRejectedException($"\"{destination}\" is not an account id.");
        return Task.CompletedTask;
    }

    public void OnSent(RenderedNotice notice, string destination) =>
        bus.Publish(NoticeTopics.Account(long.Parse(destination, CultureInfo.InvariantCulture)), notice.DeliveryId.ToString(CultureInfo.InvariantCulture));
}
