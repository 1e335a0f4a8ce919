using System.Text.Json;
using Portal.Core.Offices;
using Portal.Core.Queues;

namespace Portal.Web.Queues.Streams;

/// <summary>
/// What a resident's ticket page shows, in the page's language: the page renders it at load, and every event of its
/// stream carries it as JSON (<see cref="WriteJson"/>), so the page and its updates cannot say different things.
/// Texts a state does not show are null.
/// </summary>
public readonly record struct TicketView(
    string Number,
    TicketState State,
    int PeopleAhead,
    LiveText Where,
    LiveText Headline,
    LiveText? Hint,
    LiveText? Ahead,
    LiveText? Wait,
    LiveText? Note,
    IReadOnlyList<CalledTicket> NowCalling,
    QueueWords Words)
{
    public static TicketView Of(TicketPosition position, WardOffice office, QueueWords words)
    {
        var ticket = position.Ticket;
        var where = words.Where(office.Name, position.Service?.Name);
        var (headline, hint) = ticket.State switch
        {
            TicketState.Waiting => (words.Waiting, (LiveText?)null),
            TicketState.Called or TicketState.Serving => (words.CalledTo(position.CounterName), words.CalledHint),
            TicketState.Served => (words.Served, words.ServedHint),
            TicketState.GivenBack => (words.GivenBack, words.GivenBackHint),
            _ => (words.NoShow, words.NoShowHint),
        };
        var waiting = ticket.State == TicketState.Waiting;
        return new TicketView(ticket.Display, ticket.State, position.PeopleAhead, where, headline, hint,
            waiting ? words.People(position.PeopleAhead) : null,
            waiting ? words.Wait(position.Estimate) : null,
            waiting && position.Estimate.Uncertain ? words.Uncertain : null,
            position.NowCalling, words);
    }

    /// <summary>The state as the stream's JSON names it.</summary>
    public static string StateCode(TicketState state) => state switch
    {
        TicketState.Waiting => "waiting",
        TicketState.Called => "called",
        TicketState.Serving => "serving",
        TicketState.Served => "served",
        TicketState.GivenBack => "givenback",
        _ => "noshow",
    };

    /// <summary>
    /// <c>{"state","number","ahead","where","headline","hint","aheadText","wait","note","nowCalling":[{"number","counter"}]}</c>,
    /// and <c>"ruby"</c> with the segments of each text that has readings (the stream's contract: docs/queue-streams.md).
    /// </summary>
    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString(Names.State, StateCode(State));
        json.WriteString(Names.Number, Number);
        json.WriteNumber(Names.Ahead, PeopleAhead);
        json.WriteString(Names.Where, Where.Json);
        json.WriteString(Names.Headline, Headline.Json);
        WriteText(json, Names.Hint, Hint);
        WriteText(json, Names.AheadText, Ahead);
        WriteText(json, Names.Wait, Wait);
        WriteText(json, Names.Note, Note);
        json.WriteStartArray(Names.NowCalling);
        foreach (var called in NowCalling)
        {
            var counter = Words.Name(called.CounterName);
            json.WriteStartObject();
            json.WriteString(Names.Number, called.Display);
            json.WriteString(Names.Counter, counter.Json);
            var readings = false;
            WriteRuby(json, ref readings, Names.Counter, counter);
            if (readings) json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        var any = false;
        WriteRuby(json, ref any, Names.Where, Where);
        WriteRuby(json, ref any, Names.Headline, Headline);
        WriteRuby(json, ref any, Names.Hint, Hint);
        WriteRuby(json, ref any, Names.AheadText, Ahead);
        WriteRuby(json, ref any, Names.Wait, Wait);
        WriteRuby(json, ref any, Names.Note, Note);
        if (any) json.WriteEndObject();
        json.WriteEndObject();
    }

    internal static void WriteText(Utf8JsonWriter json, JsonEncodedText name, LiveText? text)
    {
        if (text is not null) json.WriteString(name, text.Json);
        else json.WriteNull(name);
    }

    /// <summary>
    /// The text's segments under <c>"ruby"</c> when it has readings: the object is opened by the first such text
    /// (<paramref name="open"/>) and closed by the caller. Languages without readings send no <c>"ruby"</c> at all.
    /// </summary>
    internal static void WriteRuby(Utf8JsonWriter json, ref bool open, JsonEncodedText name, LiveText? text)
    {
        if (text?.Ruby is not { } segments) return;
        if (!open)
        {
            json.WriteStartObject(Names.Ruby);
            open = true;
        }
        json.WritePropertyName(name);
        json.WriteRawValue(segments, skipInputValidation: true);
    }

    /// <summary>Property names, encoded once.</summary>
    internal static class Names
    {
        public static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
        public static readonly JsonEncodedText Number = JsonEncodedText.Encode("number");
        public static readonly JsonEncodedText Ahead = JsonEncodedText.Encode("ahead");
        public static readonly JsonEncodedText Where = JsonEncodedText.Encode("where");
        public static readonly JsonEncodedText Headline = JsonEncodedText.Encode("headline");
        public static readonly JsonEncodedText Hint = JsonEncodedText.Encode("hint");
        public static readonly JsonEncodedText AheadText = JsonEncodedText.Encode("aheadText");
        public static readonly JsonEncodedText Wait = JsonEncodedText.Encode("wait");
        public static readonly JsonEncodedText Note = JsonEncodedText.Encode("note");
        public static readonly JsonEncodedText NowCalling = JsonEncodedText.Encode("nowCalling");
        public static readonly JsonEncodedText Counter = JsonEncodedText.Encode("counter");
        public static readonly JsonEncodedText Ruby = JsonEncodedText.Encode("ruby");
    }
}

/// <summary>One office on the crowding page, in the page's language: rendered at load and carried by each <c>office</c> event.</summary>
public sealed record OfficeCrowding(string OfficeId, LiveText Name, bool OpenNow, LiveText ClosedText, IReadOnlyList<ServiceCrowding> Services)
{
    public static OfficeCrowding Of(WardOffice office, OfficeLine line, QueueWords words)
    {
        var snapshot = line.Snapshot;
        var services = snapshot.Services.Where(s => s.Active).Select(s =>
        {
            var waiting = snapshot.Waiting(s.Id);
            var band = line.Estimate(s.Id, waiting).Band;
            return new ServiceCrowding(s.Code, words.Name(s.Name), waiting, words.People(waiting), band, words.Band(band));
        }).ToList();
        return new OfficeCrowding(office.Id, words.Name(office.Name), snapshot.OpenNow, words.ClosedNow, services);
    }

    /// <summary>
    /// <c>{"office","name","openNow","closed","services":[{"code","name","waiting","waitingText","band","bandText"}]}</c>,
    /// each object with <c>"ruby"</c> for its texts that have readings (as <see cref="TicketView.WriteJson"/>).
    /// </summary>
    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString(Names.Office, OfficeId);
        json.WriteString(Names.Name, Name.Json);
        json.WriteBoolean(Names.OpenNow, OpenNow);
        var closed = OpenNow ? null : ClosedText;
        TicketView.WriteText(json, Names.Closed, closed);
        json.WriteStartArray(Names.Services);
        foreach (var s in Services)
        {
            json.WriteStartObject();
            json.WriteString(Names.Code, s.Code);
            json.WriteString(Names.Name, s.Name.Json);
            json.WriteNumber(Names.Waiting, s.Waiting);
            json.WriteString(Names.WaitingText, s.WaitingText.Json);
            json.WriteString(Names.Band, QueueWiring.BandCode(s.Band));
            json.WriteString(Names.BandText, s.BandText.Json);
            var readings = false;
            TicketView.WriteRuby(json, ref readings, Names.Name, s.Name);
            TicketView.WriteRuby(json, ref readings, Names.WaitingText, s.WaitingText);
            TicketView.WriteRuby(json, ref readings, Names.BandText, s.BandText);
            if (readings) json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        var any = false;
        TicketView.WriteRuby(json, ref any, Names.Name, Name);
        TicketView.WriteRuby(json, ref any, Names.Closed, closed);
        if (any) json.WriteEndObject();
        json.WriteEndObject();
    }

    private static class Names
    {
        public static readonly JsonEncodedText Office = JsonEncodedText.Encode("office");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText OpenNow = JsonEncodedText.Encode("openNow");
        public static readonly JsonEncodedText Closed = JsonEncodedText.Encode("closed");
        public static readonly JsonEncodedText Services = JsonEncodedText.Encode("services");
        public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
        public static readonly JsonEncodedText Waiting = JsonEncodedText.Encode("waiting");
        public static readonly JsonEncodedText WaitingText = JsonEncodedText.Encode("waitingText");
        public static readonly JsonEncodedText Band = JsonEncodedText.Encode("band");
        public static readonly JsonEncodedText BandText = JsonEncodedText.Encode("bandText");
    }
}

/// <summary>One service's line on the crowding page.</summary>
public readonly record struct ServiceCrowding(string Code, LiveText Name, int Waiting, LiveText WaitingText, WaitBand Band, LiveText BandText);
