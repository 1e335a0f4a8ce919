using Portal.Core.Time;

namespace Portal.Core.Benefits;

/// <summary>
/// One resident's facts as seen on one day, with the derived values (ages) worked out once however many
/// conditions ask. A batch run reuses one subject per thread: <see cref="Reset"/> moves it to the next resident.
/// </summary>
public sealed class Subject
{
    private readonly DateOnly _fiscalYearEnd;
    private int _ageOn = NotComputed;
    private int _ageInFiscalYear = NotComputed;
    private const int NotComputed = int.MinValue;
    private const int NotBorn = -1;

    public Subject(DateOnly on, ResidentFacts? facts = null)
    {
        On = on;
        _fiscalYearEnd = FiscalYear.End(FiscalYear.Of(on));
        Facts = facts ?? ResidentFacts.Unknown;
    }

    /// <summary>The day of evaluation, in Japan time.</summary>
    public DateOnly On { get; }

    public ResidentFacts Facts { get; private set; }

    public Subject Reset(ResidentFacts facts)
    {
        Facts = facts;
        _ageOn = NotComputed;
        _ageInFiscalYear = NotComputed;
        return this;
    }

    /// <summary>The age by the basis asked for; null when the birth date is not known.</summary>
    public int? Age(AgeBasis basis)
    {
        if (Facts.BirthDate is not { } birth) return null;
        if (basis == AgeBasis.OnDate)
        {
            if (_ageOn == NotComputed) _ageOn = birth > On ? NotBorn : JapaneseAge.On(birth, On);
            return _ageOn;
        }
        if (_ageInFiscalYear == NotComputed) _ageInFiscalYear = birth > _fiscalYearEnd ? NotBorn : JapaneseAge.On(birth, _fiscalYearEnd);
        return _ageInFiscalYear;
    }
}
