using Portal.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

// "backup <file>": a consistent copy of the SQLite database, safe while the portal runs (docs/operations.md).
if (args is ["backup", var target, ..])
{
    Environment.ExitCode = await PortalCommands.BackupAsync(builder, target);
    return;
}

builder.AddPortal();

var app = builder.Build();
await app.UsePortalAsync();
await app.RunAsync();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
