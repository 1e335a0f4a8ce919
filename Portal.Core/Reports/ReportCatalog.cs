using Portal.Core.Languages;

namespace Portal.Core.Reports;

/// <summary>こまった (a problem) or かいけつ (a resident fixed something and tells the city).</summary>
public enum ReportKind
{
    Problem,
    Fixed,
}

/// <summary>The four fields of ChibaRepo.</summary>
public enum ReportField
{
    Road,
    Park,
    Litter,
    Other,
}

/// <summary>
/// A subcategory residents choose, with the response-time target the city sets for it. Its name is a city text in every
/// language the city writes; its code is what links, open data and Open311 carry.
/// </summary>
public sealed record ReportCategory(
    string Code,
    ReportField Field,
    LocalizedText Name,
    int ResponseTargetDays,
    int SortOrder,
    bool IsActive)
{
    /// <summary>What the form asks with this category (<see cref="CategoryQuestion"/>); none unless administrators add some.</summary>
    public IReadOnlyList<CategoryQuestion> Questions { get; init; } = [];
}

public interface IReportCategoryRepository
{
    Task<IReadOnlyList<ReportCategory>> ListAsync(bool includeInactive, CancellationToken ct);
    Task<ReportCategory?> GetAsync(string code, CancellationToken ct);
    /// <summary>Saves the category's own fields; its questions stay as they are.</summary>
    Task SaveAsync(ReportCategory category, CancellationToken ct);

    /// <summary>Replaces the category's questions; false when there is no such category.</summary>
    Task<bool> SaveQuestionsAsync(string code, IReadOnlyList<CategoryQuestion> questions, CancellationToken ct);
}
