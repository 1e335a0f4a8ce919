using System.Runtime.InteropServices;

namespace Portal.Bench.Suite;

/// <summary>What the figures were measured on, read from the machine itself (Linux's /proc where there is one).</summary>
public static class MachineDescription
{
    public static string Describe()
    {
        var cpu = ReadProc("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memoryKb = ReadProc("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var memory = long.TryParse(memoryKb, out var kb) ? $"{kb / 1024.0 / 1024.0:F0} GiB" : "memory unknown";
        return $"{Environment.ProcessorCount} cores, {cpu}, {memory}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    /// <summary>The 1-minute load average, or null where the system does not give one.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static string? ReadProc(string file, string key)
    {
        if (!File.Exists(file)) return null;
        foreach (var line in File.ReadLines(file))
        {
            if (!line.StartsWith(key, StringComparison.Ordinal)) continue;
            var colon = line.IndexOf(':');
            return colon < 0 ? null : line[(colon + 1)..].Trim();
        }
        return null;
    }
}
