using Portal.Core.Notifications;
using Portal.Data.Database;
using Portal.Data.Notifications;

namespace Portal.Tests.Infrastructure;

/// <summary>The outbox as services outside the app see it: in-app only, nobody woken.</summary>
public static class TestNotices
{
    public static INoticeQueue Queue(PortalDatabase database, TimeProvider time) =>
        new NoticeQueue(new NoticeOutbox(database, ActiveChannels.InAppOnly, time), new OutboxSignal());
}
