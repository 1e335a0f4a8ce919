using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Portal.Bench.Load;

/// <summary>
/// Where the CPU of a load step's measured rounds goes, when asked: with PORTAL_BENCH_PERF naming an output file,
/// Linux perf samples the server's process and the bench's own (call stacks, 999 Hz) from the first measured round
/// to the last. Run the bench with DOTNET_PerfMapEnabled=1 too (the server inherits it), so perf can name the
/// JIT-compiled .NET methods; read the file with `perf report -i FILE --no-children --sort comm,sym`.
/// </summary>
public sealed partial class PerfRecording : IDisposable
{
    public const string OutputVariable = "PORTAL_BENCH_PERF";

    private const int SigInt = 2;

    private readonly Process _perf;

    private PerfRecording(Process perf) => _perf = perf;

    /// <summary>Starts perf on the given processes, or returns null when no output file is asked for.</summary>
    public static PerfRecording? StartIfAsked(params int[] processIds)
    {
        var output = Environment.GetEnvironmentVariable(OutputVariable);
        if (string.IsNullOrEmpty(output)) return null;
        if (Environment.GetEnvironmentVariable("DOTNET_PerfMapEnabled") != "1")
            Console.WriteLine("DOTNET_PerfMapEnabled is not 1: perf will not name .NET methods.");
        var perf = Process.Start(new ProcessStartInfo("perf", ["record", "-F", "999", "-g", "-o", output, "-p", string.Join(',', processIds)])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("perf did not start.");
        // perf attaches within moments; give it that before the first measured call.
        Thread.Sleep(1000);
        if (perf.HasExited) throw new InvalidOperationException("perf record exited at once: " + perf.StandardError.ReadToEnd());
        Console.WriteLine($"perf recording processes {string.Join(", ", processIds)} to {output}");
        return new PerfRecording(perf);
    }

    /// <summary>Stops perf as Ctrl+C would, so it writes its file, and waits for it.</summary>
    public void Dispose()
    {
        if (!_perf.HasExited)
        {
            kill(_perf.Id, SigInt);
            if (!_perf.WaitForExit(TimeSpan.FromMinutes(2))) _perf.Kill();
        }
        _perf.Dispose();
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int processId, int signal);
}
