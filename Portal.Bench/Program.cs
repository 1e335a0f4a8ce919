using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Portal.Bench.Reports.Photos;
using Portal.Bench.Reports.Queries;
using Portal.Web.Reports.Photos;

// "all [step ...]" runs every measurement of docs/performance.md (or the named steps), prints each figure against its
// target and how the cost grows, and exits non-zero when a target is missed (Suite/BenchSuite.cs).
if (args is ["all", ..])
    return await Portal.Bench.Suite.BenchSuite.RunAsync(args[1..]);

// "footprint [runs]" processes the 12-megapixel photo many times in one process and prints the CPU time and
// managed allocation per photo, then the process's peak memory while two photos are processed at a time, to
// show that memory stays bounded. Anything else goes to BenchmarkDotNet.
if (args is ["footprint", ..])
{
    var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
    var original = BenchPhotos.Jpeg12Megapixels();
    var processor = new SkiaPhotoProcessor();
    await processor.ProcessAsync(new MemoryStream(original));
    GC.Collect();
    var self = Process.GetCurrentProcess();

    self.Refresh();
    var cpuBefore = self.TotalProcessorTime;
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < runs; i++)
        await processor.ProcessAsync(new MemoryStream(original));
    clock.Stop();
    self.Refresh();
    Console.WriteLine($"original: {original.Length / 1e6:F1} MB; {runs} photos one after another");
    Console.WriteLine($"  CPU time per photo: {(self.TotalProcessorTime - cpuBefore).TotalMilliseconds / runs:F0} ms; wall time per photo: {clock.Elapsed.TotalMilliseconds / runs:F0} ms");
    Console.WriteLine($"  managed allocation per photo: {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (1e6 * runs):F1} MB");

    Console.WriteLine($"{runs} pairs of photos, two at a time (two residents uploading at once on 2 cores):");
    for (var i = 1; i <= runs; i++)
    {
        await Task.WhenAll(processor.ProcessAsync(new MemoryStream(original)), processor.ProcessAsync(new MemoryStream(original)));
        self.Refresh();
        if (i == 1 || i % 10 == 0)
            Console.WriteLine($"  peak working set after {2 * i,3} photos: {self.PeakWorkingSet64 / 1e6:F0} MB");
    }
    Console.WriteLine($"managed heap at the end: {GC.GetTotalMemory(forceFullCollection: true) / 1e6:F1} MB");
    return 0;
}

// "reportplans [rows]" makes (or reuses) the report database and prints SQLite's plan for the spatial index's
// statements, how many reports each benchmarked box holds, and rough wall and CPU times of each repository call.
if (args is ["reportplans", ..])
{
    var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
    await ReportQueryPlans.PrintAsync(rows);
    return 0;
}

// "foryou-nightly [households] [steady]" runs the whole nightly For You evaluation from SQLite on consecutive
// nights and prints the time and peak memory of each; "steady" skips timing the first night (docs/performance.md).
if (args is ["foryou-nightly", ..])
{
    var households = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
    await Portal.Bench.Benefits.NightlyRunBench.RunAsync(households, steadyOnly: args.Length > 2 && args[2] == "steady");
    return 0;
}

// "points [seconds] [writers]" posts a mix of earnings, spends and replays through the ledger on SQLite for a
// while and prints the sustained transactions and postings per second, then runs the integrity check.
if (args is ["points", ..])
{
    var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
    var writers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
    await Portal.Bench.Points.LedgerThroughput.RunAsync(seconds, writers);
    return 0;
}

// "queuefanout [pages] [rounds]" opens that many ticket pages in process and times a staff action until every page
// has re-read its state (docs/performance.md, "Queue ticket pages").
if (args is ["queuefanout", ..])
{
    var pages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
    var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 21;
    await Portal.Bench.Queues.QueueFanout.RunAsync(pages, rounds);
    return 0;
}

// "lighthouse [runs] [path ...]" runs the suite's lighthouse step alone: the published portal in its own process, each
// page (or the named ones, e.g. /reports) measured that many times by npm's lighthouse in Chromium, figures against budgets.
if (args is ["lighthouse", ..])
{
    var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Portal.Bench.Lighthouse.LighthouseStep.DefaultRuns;
    var paths = args.Skip(2).ToList();
    var lighthouse = new Portal.Bench.Suite.BenchSuite.Step("lighthouse", "Lighthouse mobile (slow 4G)", () => Portal.Bench.Lighthouse.LighthouseStep.RunAsync(runs, paths));
    return await Portal.Bench.Suite.BenchSuite.RunAsync([lighthouse], []);
}

// "circuits [pages] [rounds]" starts the published portal in its own process, holds that many staff home pages open over
// real Blazor circuits without a browser, plus five in Chromium, and times "call next" at a counter console until
// every home shows the new waiting count, for that many measured rounds after three to warm up; prints server memory
// per circuit and the latencies (docs/performance.md, "Queue ticket pages over real circuits", its first paragraph).
if (args is ["circuits", ..])
{
    var pages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
    var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
    var result = await Portal.Bench.Load.CircuitLoad.RunAsync(pages, rounds);
    return result.MeetsTargets ? 0 : 1;
}

// "sse [pages] [rounds]" starts the published portal in its own process, holds that many ticket pages' event streams
// open with raw-socket phones, and times "call next" at a counter console until every phone has the event, for that
// many measured rounds after three to warm up; prints server memory per page, CPU per call and the latencies
// (docs/performance.md, "Queue ticket pages over server-sent events").
if (args is ["sse", ..])
{
    var pages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
    var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
    var result = await Portal.Bench.Load.SseLoad.RunAsync(pages, rounds);
    return result.MeetsTargets ? 0 : 1;
}

BenchmarkSwitcher.FromAssembly(typeof(PhotoBenchmarks).Assembly).Run(args);
return 0;
