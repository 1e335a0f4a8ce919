using Portal.Core.Reports.Supporters;
using Portal.Core.Rules;
using Portal.Core.Time;

namespace Portal.Tests.Reports.Supporters;

/// <summary>The rules of a supporter task (サポーター活動), read like the rule.</summary>
public sealed class SupporterTaskTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Saturday10 = JapanTime.StartOfDayUtc(new DateOnly(2026, 11, 28)) + TimeSpan.FromHours(10);

    private static SupporterTask Task(int capacity = 5, DateTimeOffset? start = null)
    {
        var task = SupporterTask.Open(1, "遊具の落書き消し", "公園の滑り台の落書きを一緒に消します", "稲毛海浜公園 管理事務所前",
            start ?? Saturday10, (start ?? Saturday10).AddHours(2), capacity, 7, Now);
        task.AssignId(42);
        return task;
    }

    private static string Refused(Action action) => Assert.Throws<RuleException>(action).Key;

    [Fact]
    public void A_new_task_is_open_and_stored_in_utc()
    {
        var task = Task();

        Assert.Equal(SupporterTaskStatus.Open, task.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero), task.StartUtc);
        Assert.Equal(TimeSpan.Zero, task.StartUtc.Offset);
        Assert.Equal(5, task.PlacesLeft(0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(SupporterTask.MaxCapacity + 1)]
    public void Capacity_must_be_at_least_one_and_at_most_the_maximum(int capacity) =>
        Assert.Equal(SupporterErrors.CapacityRange, Refused(() => Task(capacity)));

    [Fact]
    public void The_end_must_come_after_the_start() =>
        Assert.Equal(SupporterErrors.EndBeforeStart, Refused(() =>
            SupporterTask.Open(1, "題", "内容", "場所", Saturday10, Saturday10, 5, 7, Now)));

    [Fact]
    public void A_task_cannot_be_opened_for_a_time_already_passed() =>
        Assert.Equal(SupporterErrors.StartInPast, Refused(() => Task(start: Now.AddMinutes(-1))));

    [Fact]
    public void A_resident_takes_a_place_while_there_is_one()
    {
        var signup = Task(capacity: 2).SignUp(100, signedUp: 1, alreadySignedUp: false, Now);

        Assert.Equal(new SupporterSignup(42, 100, Now), signup);
    }

    [Fact]
    public void A_full_task_takes_no_one_more() =>
        Assert.Equal(SupporterErrors.Full, Refused(() => Task(capacity: 2).SignUp(100, signedUp: 2, alreadySignedUp: false, Now)));

    [Fact]
    public void A_resident_signs_up_once() =>
        Assert.Equal(SupporterErrors.AlreadySignedUp, Refused(() => Task().SignUp(100, signedUp: 1, alreadySignedUp: true, Now)));

    [Fact]
    public void No_one_joins_a_cancelled_task()
    {
        var task = Task();
        task.Cancel();

        Assert.Equal(SupporterErrors.NotOpen, Refused(() => task.SignUp(100, 0, false, Now)));
    }

    [Fact]
    public void No_one_joins_a_task_that_has_started() =>
        Assert.Equal(SupporterErrors.Started, Refused(() => Task().SignUp(100, 0, false, Saturday10)));

    [Fact]
    public void No_one_joins_a_done_task()
    {
        var task = Task();
        task.Complete(Saturday10.AddHours(2));

        Assert.Equal(SupporterTaskStatus.Done, task.Status);
        Assert.Equal(SupporterErrors.NotOpen, Refused(() => task.SignUp(100, 0, false, Now)));
    }

    [Fact]
    public void A_task_is_done_only_once_it_has_started() =>
        Assert.Equal(SupporterErrors.NotStartedYet, Refused(() => Task().Complete(Now)));

    [Fact]
    public void A_cancelled_task_is_neither_cancelled_again_nor_done()
    {
        var task = Task();
        task.Cancel();

        Assert.Equal(SupporterErrors.NotOpen, Refused(task.Cancel));
        Assert.Equal(SupporterErrors.NotOpen, Refused(() => task.Complete(Saturday10)));
    }

    [Fact]
    public void A_resident_may_give_their_place_back_until_the_start()
    {
        var task = Task();

        task.CheckWithdraw(signedUp: true, Saturday10.AddTicks(-1));
        Assert.Equal(SupporterErrors.Started, Refused(() => task.CheckWithdraw(signedUp: true, Saturday10)));
        Assert.Equal(SupporterErrors.NotSignedUp, Refused(() => task.CheckWithdraw(signedUp: false, Now)));
    }

    [Fact]
    public void The_form_reads_its_day_and_times_as_japan_time()
    {
        var input = new SupporterTaskInput { Date = new DateTime(2026, 11, 28), StartTime = new TimeSpan(9, 30, 0), EndTime = new TimeSpan(11, 0, 0) };

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 30, 0, TimeSpan.Zero), input.StartUtc);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero), input.EndUtc);
    }

    [Fact]
    public void The_form_validator_gives_a_key_per_field()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var input = new SupporterTaskInput
        {
            Title = " ", Description = "", MeetingPlace = new string('場', SupporterTaskValidator.MaxPlaceLength + 1), Capacity = 0,
            Date = new DateTime(2026, 11, 25), StartTime = new TimeSpan(9, 0, 0), EndTime = new TimeSpan(8, 0, 0),
        };

        var errors = new SupporterTaskValidator(time).Validate(input).Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage);

        Assert.Equal(SupporterValidationKeys.TitleRequired, errors[nameof(SupporterTaskInput.Title)]);
        Assert.Equal(SupporterValidationKeys.DescriptionRequired, errors[nameof(SupporterTaskInput.Description)]);
        Assert.Equal(SupporterValidationKeys.TooLong, errors[nameof(SupporterTaskInput.MeetingPlace)]);
        Assert.Equal(SupporterErrors.CapacityRange, errors[nameof(SupporterTaskInput.Capacity)]);
        // 09:00 Japan time on 25 November is 00:00 UTC, before "now" (03:00 UTC).
        Assert.Equal(SupporterErrors.StartInPast, errors[nameof(SupporterTaskInput.StartTime)]);
        Assert.Equal(SupporterErrors.EndBeforeStart, errors[nameof(SupporterTaskInput.EndTime)]);
    }
}
