using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Adapter.Benchmarks;

// Not top-level statements: a global `Program` here would clash with Tasks.Api's public Program.
internal static class BenchmarkProgram
{
    // dotnet run -c Release --project bench/Adapter.Benchmarks -- --filter '*'   (bench/run.sh --only adapter)
    public static void Main(string[] args)
    {
        // In-process: BenchmarkDotNet's default builds a generated project that rebuilds src/ into its own obj/
        // folders, which other builds on this machine share. Timings are the same for code of this size.
        var job = Job.Default.WithWarmupCount(5).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance);
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, DefaultConfig.Instance.AddJob(job));
    }
}
