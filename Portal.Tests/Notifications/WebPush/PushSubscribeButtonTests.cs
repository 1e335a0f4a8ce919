using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Portal.Web.Notifications;
using Portal.Web.Notifications.WebPush;
using Portal.Web.Languages;

namespace Portal.Tests.Notifications.WebPush;

/// <summary>The subscribe button in each state the browser can be in, with push.js played by bUnit's JS interop.</summary>
public sealed class PushSubscribeButtonTests : BunitContext
{
    private const string PublicKey = "BPublicKeyForTests";
    private readonly BunitJSModuleInterop _push;

    public PushSubscribeButtonTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ja");
        Services.AddPortalLocalization();
        Services.AddMudServices();
        Services.AddSingleton(new WebPushKey(PublicKey));
        JSInterop.Mode = JSRuntimeMode.Loose;
        _push = JSInterop.SetupModule("./js/push.js");
    }

    [Theory]
    [InlineData("unsupported", "このブラウザはプッシュ通知に対応していません。")]
    [InlineData("denied", "通知がブロックされています。")]
    [InlineData("subscribed", "この端末で通知を受け取ります。")]
    [InlineData("ready", "この端末で通知を受け取る")]
    public void The_button_shows_what_the_browser_allows(string state, string text)
    {
        _push.Setup<string>("state").SetResult(state);
        _push.Setup<PushSubscribeButton.SubscribeResult>("resave", PublicKey).SetResult(new PushSubscribeButton.SubscribeResult("subscribed", 5));

        var button = Render<PushSubscribeButton>();

        button.WaitForAssertion(() => Assert.Contains(text, button.Markup));
    }

    [Fact]
    public void Subscribing_hands_the_new_subscription_id_to_the_page()
    {
        _push.Setup<string>("state").SetResult("ready");
        _push.Setup<PushSubscribeButton.SubscribeResult>("subscribe", PublicKey).SetResult(new PushSubscribeButton.SubscribeResult("subscribed", 812));
        long? received = null;

        var button = Render<PushSubscribeButton>(p => p.Add(b => b.OnSubscribed, EventCallback.Factory.Create<long>(this, id => received = id)));
        button.WaitForAssertion(() => Assert.Contains("この端末で通知を受け取る", button.Markup));
        button.Find("button").Click();

        button.WaitForAssertion(() => Assert.Equal(812, received));
        Assert.Contains("data-push-state=\"Subscribed\"", button.Markup);
        Assert.Single(_push.Invocations, i => i.Identifier == "subscribe");
    }

    [Fact]
    public void A_refused_permission_shows_how_to_allow_it_and_calls_back_nothing()
    {
        _push.Setup<string>("state").SetResult("ready");
        _push.Setup<PushSubscribeButton.SubscribeResult>("subscribe", PublicKey).SetResult(new PushSubscribeButton.SubscribeResult("denied", null));
        var called = false;

        var button = Render<PushSubscribeButton>(p => p.Add(b => b.OnSubscribed, EventCallback.Factory.Create<long>(this, _ => called = true)));
        button.WaitForAssertion(() => Assert.Contains("この端末で通知を受け取る", button.Markup));
        button.Find("button").Click();

        button.WaitForAssertion(() => Assert.Contains("ブラウザのサイト設定で通知を許可してください", button.Markup));
        Assert.False(called);
    }

    [Fact]
    public void A_browser_subscribed_before_saves_again_and_hands_its_id_to_the_page_without_a_press()
    {
        _push.Setup<string>("state").SetResult("subscribed");
        _push.Setup<PushSubscribeButton.SubscribeResult>("resave", PublicKey).SetResult(new PushSubscribeButton.SubscribeResult("subscribed", 77));
        long? received = null;

        var button = Render<PushSubscribeButton>(p => p.Add(b => b.OnSubscribed, EventCallback.Factory.Create<long>(this, id => received = id)));

        button.WaitForAssertion(() => Assert.Equal(77, received));
        Assert.DoesNotContain(_push.Invocations, i => i.Identifier == "subscribe");
    }

    [Fact]
    public void A_subscription_made_with_another_key_is_offered_anew()
    {
        _push.Setup<string>("state").SetResult("subscribed");
        _push.Setup<PushSubscribeButton.SubscribeResult>("resave", PublicKey).SetResult(new PushSubscribeButton.SubscribeResult("ready", null));

        var button = Render<PushSubscribeButton>();

        button.WaitForAssertion(() => Assert.Contains("data-push-state=\"Ready\"", button.Markup));
    }

    [Fact]
    public void Unsubscribing_offers_the_button_again()
    {
        _push.Setup<string>("state").SetResult("subscribed");
        _push.Setup<PushSubscribeButton.SubscribeResult>("resave", PublicKey).SetResult(new PushSubscribeButton.SubscribeResult("subscribed", 5));
        _push.Setup<string>("unsubscribe").SetResult("ready");

        var button = Render<PushSubscribeButton>();
        button.WaitForAssertion(() => Assert.Contains("この端末で受け取らない", button.Markup));
        button.Find("button").Click();

        button.WaitForAssertion(() => Assert.Contains("data-push-state=\"Ready\"", button.Markup));
    }

    [Fact]
    public void Without_keys_the_button_says_push_is_off_and_loads_no_script()
    {
        Services.AddSingleton(new WebPushKey(null));

        var button = Render<PushSubscribeButton>();

        Assert.Contains("このポータルではプッシュ通知を提供していません。", button.Markup);
        Assert.Empty(JSInterop.Invocations);
    }

    [Fact]
    public void The_English_page_speaks_English()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");
        _push.Setup<string>("state").SetResult("denied");

        var button = Render<PushSubscribeButton>();

        button.WaitForAssertion(() => Assert.Contains("Notifications are blocked.", button.Markup));
    }
}
