using System.Globalization;

/// <summary>
/// A .NET startup hook (DOTNET_STARTUP_HOOKS names this assembly) that the load benches load into the portal's
/// own process: when the bench drops a request file into the folder PORTAL_BENCH_HOOK_DIR names, it runs two full
/// blocking, compacting collections in the server (unless the request says "peek") and writes back the managed
/// heap, the working set, and how many methods the JIT has compiled so far (so the bench can wait until tiered
/// compilation has finished before it measures). Nothing else of the bench runs in the server; without the
/// variable the hook does nothing. The runtime requires the type to be called StartupHook and to sit outside any
/// namespace.
/// </summary>
internal static class StartupHook
{
    public const string FolderVariable = "PORTAL_BENCH_HOOK_DIR";
    public const string RequestFile = "collect.request";
    public const string AnswerFile = "collect.answer";
    public const string Peek = "peek";

    public static void Initialize()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable);
        if (string.IsNullOrEmpty(folder)) return;
        var thread = new Thread(() => Watch(folder)) { IsBackground = true, Name = "bench memory hook" };
        thread.Start();
    }

    private static void Watch(string folder)
    {
        var request = Path.Combine(folder, RequestFile);
        while (true)
        {
            Thread.Sleep(100);
            if (!File.Exists(request)) continue;
            var peek = File.ReadAllText(request) == Peek;
            File.Delete(request);
            for (var i = 0; i < (peek ? 0 : 2); i++)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            var answer = string.Join('\n',
                "heap=" + GC.GetTotalMemory(forceFullCollection: false).ToString(CultureInfo.InvariantCulture),
                "committed=" + info.TotalCommittedBytes.ToString(CultureInfo.InvariantCulture),
                "workingset=" + Environment.WorkingSet.ToString(CultureInfo.InvariantCulture),
                "jitmethods=" + System.Runtime.JitInfo.GetCompiledMethodCount().ToString(CultureInfo.InvariantCulture));
            var temporary = Path.Combine(folder, AnswerFile + ".tmp");
            File.WriteAllText(temporary, answer);
            File.Move(temporary, Path.Combine(folder, AnswerFile), overwrite: true);
        }
    }
}
