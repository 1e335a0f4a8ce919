using Portal.Web.Hosting;

// "accessibility-audit": docs/accessibility-audit.json from the axe-core runs of the browser tests (docs/accessibility.md).
if (args is [Portal.Web.Legal.AccessibilityAuditCommand.Name, .. var options])
{
    Environment.ExitCode = Portal.Web.Legal.AccessibilityAuditCommand.Run(options, Console.Out);
    return;
}

var builder = WebApplication.CreateBuilder(args);

// "backup <file>": a consistent copy of the SQLite database, safe while the portal runs (docs/operations.md).
if (args is ["backup", var target, ..])
{
    Environment.ExitCode = await PortalCommands.BackupAsync(builder, target);
    return;
}

// "icons [folder]": draws the app icons again into wwwroot/icons (Shell/Pwa/PortalIcons).
if (args is ["icons", ..])
{
    Environment.ExitCode = Portal.Web.Shell.Pwa.PortalIcons.WriteAll(args is [_, var folder, ..] ? folder : Path.Combine(builder.Environment.WebRootPath, "icons"));
    return;
}

builder.AddPortal();

var app = builder.Build();
await app.UsePortalAsync();
await app.RunAsync();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
