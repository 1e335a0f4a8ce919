using Dapper;
using Portal.Core.Languages;
using Portal.Core.Reports;
using Portal.Data.Database;

namespace Portal.Data.Reports;

public sealed class ReportCategoryRepository(PortalDatabase db) : IReportCategoryRepository
{
    private const string Columns = "Code, Field, NameText AS Name, ResponseTargetDays, SortOrder, IsActive, QuestionsJson";

    public async Task<IReadOnlyList<ReportCategory>> ListAsync(bool includeInactive, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<CategoryRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ReportCategory{(includeInactive ? "" : " WHERE IsActive = 1")} ORDER BY SortOrder, Code", cancellationToken: ct));
        return rows.Select(r => r.ToCategory()).ToList();
    }

    public async Task<ReportCategory?> GetAsync(string code, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<CategoryRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ReportCategory WHERE Code = @code", new { code }, cancellationToken: ct));
        return row?.ToCategory();
    }

    public Task SaveAsync(ReportCategory c, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var parameters = new { c.Code, Field = c.Field.ToString(), c.Name, c.ResponseTargetDays, c.SortOrder, c.IsActive };
            var updated = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE ReportCategory SET Field = @Field, NameText = @Name, ResponseTargetDays = @ResponseTargetDays,
                    SortOrder = @SortOrder, IsActive = @IsActive
                WHERE Code = @Code
                """, parameters, transaction, cancellationToken: ct));
            if (updated == 0)
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO ReportCategory (Code, Field, NameText, ResponseTargetDays, SortOrder, IsActive)
                    VALUES (@Code, @Field, @Name, @ResponseTargetDays, @SortOrder, @IsActive)
                    """,
                    parameters, transaction, cancellationToken: ct));
            return updated;
        }, ct);

    public async Task<bool> SaveQuestionsAsync(string code, IReadOnlyList<CategoryQuestion> questions, CancellationToken ct) =>
        await db.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ReportCategory SET QuestionsJson = @json WHERE Code = @code",
            new { code, json = ReportAnswers.QuestionsToJson(questions) }, transaction, cancellationToken: ct)), ct) > 0;

    private sealed class CategoryRow
    {
        public string Code { get; set; } = "";
        public string Field { get; set; } = "";
        public LocalizedText Name { get; set; } = null!;
        public int ResponseTargetDays { get; set; }
        public int SortOrder { get; set; }
        public bool IsActive { get; set; }
        public string? QuestionsJson { get; set; }

        public ReportCategory ToCategory() => new(Code, Enum.Parse<ReportField>(Field), Name, ResponseTargetDays, SortOrder, IsActive)
        {
            Questions = ReportAnswers.QuestionsFromJson(QuestionsJson),
        };
    }
}
