using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Portal.Tests.Data;

/// <summary>
/// Finds the statements of a SQL Server migration script that would fail, or add a second copy of something, when the
/// script is applied to a database that already holds what it makes. DbUp applies a script once (its journal,
/// dbo.SchemaVersions, names it afterwards), but it applies an unjournaled script to whatever database it is given:
/// one made by hand, restored from before the journal was copied, or a script renamed. Such a script is re-runnable
/// when:
/// <list type="bullet">
/// <item>views, procedures, functions and triggers are made with CREATE OR ALTER;</item>
/// <item>tables, indexes, columns and constraints added, types, schemas and sequences made, things dropped, renames
/// (sp_rename) and inserted rows each sit under an IF that checks existence (EXISTS, OBJECT_ID, COL_LENGTH,
/// INDEXPROPERTY, ...), or use DROP ... IF EXISTS, or insert with a WHERE NOT EXISTS of their own.</item>
/// </list>
/// Updates, deletes, MERGE and ALTER COLUMN are taken as re-runnable as written: repeated, they reach the same state.
/// </summary>
internal static class RerunnableScript
{
    private static readonly HashSet<string> ExistenceFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "OBJECT_ID", "COL_LENGTH", "INDEXPROPERTY", "COLUMNPROPERTY", "OBJECTPROPERTY", "TYPE_ID", "SCHEMA_ID", "DB_ID",
    };

    /// <summary>One line per statement that is not re-runnable ("line 7: CREATE INDEX without an existence check"); empty when it is.</summary>
    public static IReadOnlyList<string> Problems(string script)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);
        if (errors.Count > 0)
            return errors.Select(e => $"line {e.Line}: does not parse: {e.Message}").ToList();
        var problems = new List<string>();
        foreach (var batch in ((TSqlScript)fragment).Batches)
            foreach (var statement in batch.Statements)
                Check(statement, guarded: false, problems);
        return problems;
    }

    private static void Check(TSqlStatement statement, bool guarded, List<string> problems)
    {
        switch (statement)
        {
            case IfStatement branch:
                var checks = guarded || ChecksExistence(branch.Predicate);
                Check(branch.ThenStatement, checks, problems);
                if (branch.ElseStatement is not null) Check(branch.ElseStatement, checks, problems);
                return;
            case BeginEndBlockStatement block:
                foreach (var inner in block.StatementList.Statements) Check(inner, guarded, problems);
                return;
            case TryCatchStatement tryCatch:
                foreach (var inner in tryCatch.TryStatements.Statements) Check(inner, guarded, problems);
                foreach (var inner in tryCatch.CatchStatements.Statements) Check(inner, guarded, problems);
                return;
        }

        if (OnlyCreate(statement) is { } what)
        {
            problems.Add($"line {statement.StartLine}: CREATE {what} instead of CREATE OR ALTER {what}");
            return;
        }
        if (!guarded && NeedsGuard(statement) is { } kind)
            problems.Add($"line {statement.StartLine}: {kind} without an existence check (IF NOT EXISTS, IF OBJECT_ID(...) IS NULL, IF COL_LENGTH(...) IS NULL)");
    }

    /// <summary>The kind of object a plain CREATE makes where CREATE OR ALTER exists; null for anything else.</summary>
    private static string? OnlyCreate(TSqlStatement statement) => statement switch
    {
        CreateViewStatement => "VIEW",
        CreateProcedureStatement => "PROCEDURE",
        CreateFunctionStatement => "FUNCTION",
        CreateTriggerStatement => "TRIGGER",
        _ => null,
    };

    /// <summary>What a statement does that fails or repeats on a second run unless an existence check guards it; null when it needs none.</summary>
    private static string? NeedsGuard(TSqlStatement statement) => statement switch
    {
        CreateTableStatement => "CREATE TABLE",
        CreateIndexStatement => "CREATE INDEX",
        CreateTypeStatement => "CREATE TYPE",
        CreateSchemaStatement => "CREATE SCHEMA",
        CreateSequenceStatement => "CREATE SEQUENCE",
        AlterTableAddTableElementStatement => "ALTER TABLE ... ADD",
        AlterTableDropTableElementStatement drop when drop.AlterTableDropTableElements.Any(e => !e.IsIfExists) => "ALTER TABLE ... DROP",
        DropObjectsStatement drop when !drop.IsIfExists => "DROP",
        DropIndexStatement drop when !drop.IsIfExists => "DROP INDEX",
        ExecuteStatement exec when Calls(exec, "sp_rename") => "sp_rename",
        InsertStatement insert when !InsertsOnlyWhatIsMissing(insert) => "INSERT",
        _ => null,
    };

    private static bool Calls(ExecuteStatement exec, string procedure) =>
        exec.ExecuteSpecification.ExecutableEntity is ExecutableProcedureReference
        {
            ProcedureReference.ProcedureReference.Name.BaseIdentifier.Value: var name,
        } && string.Equals(name, procedure, StringComparison.OrdinalIgnoreCase);

    private static bool InsertsOnlyWhatIsMissing(InsertStatement insert) =>
        insert.InsertSpecification.InsertSource is SelectInsertSource source && HasNotExists(source.Select);

    private static bool ChecksExistence(TSqlFragment predicate)
    {
        var finder = new ExistenceFinder();
        predicate.Accept(finder);
        return finder.Found;
    }

    private static bool HasNotExists(TSqlFragment fragment)
    {
        var finder = new NotExistsFinder();
        fragment.Accept(finder);
        return finder.Found;
    }

    private sealed class ExistenceFinder : TSqlFragmentVisitor
    {
        public bool Found { get; private set; }
        public override void Visit(ExistsPredicate node) => Found = true;
        public override void Visit(FunctionCall node) => Found |= ExistenceFunctions.Contains(node.FunctionName.Value);
    }

    private sealed class NotExistsFinder : TSqlFragmentVisitor
    {
        public bool Found { get; private set; }
        public override void Visit(BooleanNotExpression node) => Found |= node.Expression is ExistsPredicate;
    }
}
