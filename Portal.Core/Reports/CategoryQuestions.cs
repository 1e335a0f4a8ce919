using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using FluentValidation.Results;
using Portal.Core.Languages;
using Portal.Core.Text;

namespace Portal.Core.Reports;

/// <summary>What a question of a category asks for; Open311 names them string, number and singlevaluelist.</summary>
public enum QuestionKind
{
    Text,
    Number,
    Choice,
}

/// <summary>One answer a choice offers: its key (what is stored and what Open311 clients send) and its label.</summary>
public sealed record QuestionOption(string Key, LocalizedText Label);

/// <summary>
/// A question the city asks with a category's reports (the number on a street light's pole, which play equipment is
/// broken), set by administrators. Its code is the Open311 attribute code. The form asks it, staff read the answer.
/// </summary>
public sealed record CategoryQuestion(string Code, QuestionKind Kind, LocalizedText Prompt, bool Required, IReadOnlyList<QuestionOption> Options)
{
    public QuestionOption? Option(string key) => Options.FirstOrDefault(o => o.Key == key);
}

/// <summary>A resident's answer to a category question, as stored: plain text, a number in invariant form, or an option's key.</summary>
public sealed record ReportAnswer(string QuestionCode, string Value);

public static class QuestionKeys
{
    public const string Required = "Reports_Question_Required";
    public const string NotANumber = "Reports_Question_NotANumber";
    public const string NotAnOption = "Reports_Question_NotAnOption";
    public const string TooLong = "Reports_Question_TooLong";

    public const string CodeRequired = "Questions_Validation_CodeRequired";
    public const string CodeFormat = "Questions_Validation_CodeFormat";
    public const string CodeTaken = "Questions_Validation_CodeTaken";
    public const string PromptJaRequired = "Questions_Validation_PromptJaRequired";
    public const string PromptTooLong = "Questions_Validation_PromptTooLong";
    public const string OptionsRequired = "Questions_Validation_OptionsRequired";
    public const string OptionKeyFormat = "Questions_Validation_OptionKeyFormat";
    public const string OptionKeyTaken = "Questions_Validation_OptionKeyTaken";
    public const string LabelJaRequired = "Questions_Validation_LabelJaRequired";
    public const string TooMany = "Questions_Validation_TooMany";
}

/// <summary>The answers of a report: checked against its category's questions, and stored as one JSON object.</summary>
public static class ReportAnswers
{
    public const int MaxTextLength = 200;

    /// <summary>Where a question's failure points ("Answers[pole-number]"), so that a form shows it under its own field.</summary>
    public static string PathOf(string code) => $"{nameof(ReportDraft.Answers)}[{code}]";

    /// <summary>
    /// The answers to the category's questions, in the questions' order, each made plain (text cleaned and trimmed, a
    /// number in invariant form whether typed with full-width digits or a comma, a choice by its key); a blank answer
    /// to an optional question is left out, an answer to no question of the category is ignored. Failures name the
    /// question (<see cref="PathOf"/>) with the key of their message.
    /// </summary>
    public static (IReadOnlyList<ReportAnswer> Answers, IReadOnlyList<ValidationFailure> Failures) Check(
        IReadOnlyList<CategoryQuestion> questions, IReadOnlyDictionary<string, string?> given)
    {
        var answers = new List<ReportAnswer>();
        var failures = new List<ValidationFailure>();
        foreach (var question in questions)
        {
            var raw = given.GetValueOrDefault(question.Code);
            if (string.IsNullOrWhiteSpace(raw))
            {
                if (question.Required) failures.Add(new ValidationFailure(PathOf(question.Code), QuestionKeys.Required));
                continue;
            }
            var (value, problem) = question.Kind switch
            {
                QuestionKind.Number => Number(raw),
                QuestionKind.Choice => question.Option(raw.Trim()) is null ? (null, QuestionKeys.NotAnOption) : (raw.Trim(), null),
                _ => Text(raw),
            };
            if (problem is not null) failures.Add(new ValidationFailure(PathOf(question.Code), problem));
            else answers.Add(new ReportAnswer(question.Code, value!));
        }
        return (answers, failures);
    }

    private static (string?, string?) Number(string raw)
    {
        var plain = raw.Normalize(NormalizationForm.FormKC).Replace(",", "", StringComparison.Ordinal).Trim();
        return decimal.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? (number.ToString(CultureInfo.InvariantCulture), null)
            : (null, QuestionKeys.NotANumber);
    }

    private static (string?, string?) Text(string raw)
    {
        if (!SubmittedText.IsClean(raw, multiline: false)) return (null, SubmittedText.ValidationKey);
        var text = raw.Trim();
        return text.Length > MaxTextLength ? (null, QuestionKeys.TooLong) : (text, null);
    }

    private static readonly JsonSerializerOptions Stored = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The answers as stored: a JSON object of question code to value; null for none.</summary>
    public static string? ToJson(IReadOnlyList<ReportAnswer> answers) =>
        answers.Count == 0 ? null : JsonSerializer.Serialize(answers.ToDictionary(a => a.QuestionCode, a => a.Value), Stored);

    public static IReadOnlyList<ReportAnswer> FromJson(string? stored) =>
        string.IsNullOrWhiteSpace(stored) ? [] :
        (JsonSerializer.Deserialize<Dictionary<string, string>>(stored, Stored) ?? []).Select(p => new ReportAnswer(p.Key, p.Value)).ToList();

    /// <summary>A category's questions as stored: a JSON array; null for none.</summary>
    public static string? QuestionsToJson(IReadOnlyList<CategoryQuestion> questions) =>
        questions.Count == 0 ? null : JsonSerializer.Serialize(questions, Stored);

    /// <remarks>None is the same empty list as a new category's, so that two categories without questions compare equal.</remarks>
    public static IReadOnlyList<CategoryQuestion> QuestionsFromJson(string? stored) =>
        string.IsNullOrWhiteSpace(stored) ? Array.Empty<CategoryQuestion>()
            : JsonSerializer.Deserialize<List<CategoryQuestion>>(stored, Stored) is { Count: > 0 } questions ? questions : Array.Empty<CategoryQuestion>();
}

/// <summary>The questions form of a category's administration page.</summary>
public sealed class QuestionInput
{
    public string Code { get; set; } = "";
    public QuestionKind Kind { get; set; } = QuestionKind.Text;
    public Dictionary<string, string?> Prompt { get; set; } = CityTextFields.From(null);
    public bool Required { get; set; }
    public List<OptionInput> Options { get; set; } = [];

    public static QuestionInput From(CategoryQuestion q) => new()
    {
        Code = q.Code, Kind = q.Kind, Prompt = CityTextFields.From(q.Prompt), Required = q.Required,
        Options = q.Options.Select(o => new OptionInput { Key = o.Key, Label = CityTextFields.From(o.Label) }).ToList(),
    };

    /// <summary>The question; options only for a choice.</summary>
    public CategoryQuestion ToQuestion() => new(Code.Trim(), Kind, CityTextFields.ToText(Prompt), Required,
        Kind == QuestionKind.Choice ? Options.Select(o => new QuestionOption(o.Key.Trim(), CityTextFields.ToText(o.Label))).ToList() : []);
}

public sealed class OptionInput
{
    public string Key { get; set; } = "";
    public Dictionary<string, string?> Label { get; set; } = CityTextFields.From(null);
}

/// <summary>
/// A category's questions: each with a plain code unique in the category (it goes into Open311 as the attribute code),
/// a Japanese prompt, and for a choice at least one option, each with a plain key unique in the question and a label.
/// </summary>
public sealed class CategoryQuestionsValidator : AbstractValidator<List<QuestionInput>>
{
    public const int MaxQuestions = 10;
    public const int MaxOptions = 30;
    public const int MaxPromptLength = 100;
    public const int MaxCodeLength = 40;

    public CategoryQuestionsValidator()
    {
        RuleFor(q => q).Must(q => q.Count <= MaxQuestions).WithMessage(QuestionKeys.TooMany).OverridePropertyName("Questions");
        RuleForEach(q => q).SetValidator(new QuestionInputValidator()).OverridePropertyName("Questions");
        RuleFor(q => q).Custom((questions, context) =>
        {
            foreach (var (question, i) in questions.Select((q, i) => (q, i)))
                if (questions.Take(i).Any(other => string.Equals(other.Code.Trim(), question.Code.Trim(), StringComparison.Ordinal)))
                    context.AddFailure(new ValidationFailure($"Questions[{i}].{nameof(QuestionInput.Code)}", QuestionKeys.CodeTaken));
        });
    }

    private sealed class QuestionInputValidator : AbstractValidator<QuestionInput>
    {
        public QuestionInputValidator()
        {
            RuleFor(q => q.Code).NotEmpty().WithMessage(QuestionKeys.CodeRequired)
                .DependentRules(() => RuleFor(q => q.Code.Trim())
                    .Matches(ReportCategoryValidator.CodePattern).WithMessage(QuestionKeys.CodeFormat)
                    .MaximumLength(MaxCodeLength).WithMessage(QuestionKeys.CodeFormat).OverridePropertyName(nameof(QuestionInput.Code)));
            RuleFor(q => q.Prompt).CityText(MaxPromptLength, QuestionKeys.PromptJaRequired, QuestionKeys.PromptTooLong);
            When(q => q.Kind == QuestionKind.Choice, () =>
            {
                RuleFor(q => q.Options).Must(o => o.Count is > 0 and <= MaxOptions).WithMessage(QuestionKeys.OptionsRequired);
                RuleForEach(q => q.Options).ChildRules(option =>
                {
                    option.RuleFor(o => o.Key.Trim()).Matches(ReportCategoryValidator.CodePattern).WithMessage(QuestionKeys.OptionKeyFormat)
                        .MaximumLength(MaxCodeLength).WithMessage(QuestionKeys.OptionKeyFormat).OverridePropertyName(nameof(OptionInput.Key));
                    option.RuleFor(o => o.Label).CityText(MaxPromptLength, QuestionKeys.LabelJaRequired, QuestionKeys.PromptTooLong);
                });
                RuleFor(q => q.Options).Must(o => o.Select(x => x.Key.Trim()).Distinct(StringComparer.Ordinal).Count() == o.Count)
                    .WithMessage(QuestionKeys.OptionKeyTaken);
            });
        }
    }
}
