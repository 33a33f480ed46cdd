using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ColdStart;
using LambdaEmulator;

// Cold start, memory and warm latency of one published flavour of Tasks.Api, started as a separate
// process exactly as Lambda's managed runtime (`dotnet exec Tasks.Api.dll`) or provided.al2023 (`./bootstrap`) does.
//   ColdStart --app DIR --flavour NAME [--runs 10] [--requests 1000] [--modes lambda,kestrel,snapstart]
//             [--dynamodb URL] [--table NAME] [--env K=V]... [--tsv FILE]
//   ColdStart bare-loop        (internal: the floor, a runtime loop that answers every event with a constant)
if (args is ["bare-loop"])
{
    return await BareLoop.RunAsync(Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")!);
}

var settings = Settings.Parse(args);
var harness = new Harness(settings);
return await harness.RunAsync();

namespace ColdStart
{
    internal sealed record Settings(
        string AppDir,
        string Flavour,
        int Runs,
        int Requests,
        string[] Modes,
        string DynamoDb,
        string Table,
        Dictionary<string, string> Env,
        string? Tsv)
    {
        public static Settings Parse(string[] args)
        {
            string? app = null, flavour = null, tsv = null;
            int runs = 10, requests = 1000;
            string[] modes = ["lambda", "kestrel"];
            var dynamoDb = "http://127.0.0.1:8000";
            var table = "BenchTasks";
            var env = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Length; i++)
            {
                var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i++])
                {
                    case "--app": app = Path.GetFullPath(value); break;
                    case "--flavour": flavour = value; break;
                    case "--runs": runs = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--requests": requests = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--modes": modes = value.Split(','); break;
                    case "--dynamodb": dynamoDb = value; break;
                    case "--table": table = value; break;
                    case "--tsv": tsv = value; break;
                    case "--env":
                        var eq = value.IndexOf('=', StringComparison.Ordinal);
                        env[value[..eq]] = value[(eq + 1)..];
                        break;
                    default: throw new ArgumentException($"unknown argument {args[i - 1]}");
                }
            }

            return new Settings(
                app ?? throw new ArgumentException("--app DIR is required"),
                flavour ?? Path.GetFileName(Path.GetDirectoryName(app)!),
                runs, requests, modes, dynamoDb, table, env, tsv);
        }
    }

    internal sealed class Harness(Settings settings)
    {
        private readonly Dictionary<string, List<double>> _samples = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];
        private string _taskId = "";
        private RuntimeApiEmulator? _emulator;
        private long _handedOut;

        public async Task<int> RunAsync()
        {
            _taskId = await PrepareAsync();
            Console.WriteLine($"{settings.Flavour}: task {_taskId}; {settings.Runs} runs of {string.Join(", ", settings.Modes)}; {settings.Requests} warm requests per run");
            for (var run = 0; run < settings.Runs; run++)
            {
                foreach (var mode in settings.Modes)
                {
                    switch (mode)
                    {
                        case "lambda": await LambdaRunAsync(snapStart: false); break;
                        case "snapstart": await LambdaRunAsync(snapStart: true); break;
                        case "kestrel": await KestrelRunAsync(); break;
                        case "floor": await FloorAsync(); break;
                        default: throw new ArgumentException($"unknown mode {mode}");
                    }
                }
            }

            Report();
            if (_emulator is not null)
            {
                await _emulator.DisposeAsync();
            }

            return 0;
        }

        /// <summary>Untimed: creates the table if missing and one task to read; also brings the files into the page cache.</summary>
        private async Task<string> PrepareAsync()
        {
            var port = FreePort();
            using var app = Launch(new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["DynamoDb__CreateTableIfMissing"] = "true",
            });
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                await WaitForHealthAsync(http, app, TimeSpan.FromSeconds(60));
                using var body = new StringContent("""{"title":"cold start probe","status":"todo"}""", Encoding.UTF8, "application/json");
                using var created = await http.PostAsync("/tasks", body);
                var json = await created.Content.ReadAsStringAsync();
                if (!created.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"POST /tasks answered {(int)created.StatusCode}: {json}");
                }

                return JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
            }
            finally
            {
                await StopAsync(app);
            }
        }

        private async Task LambdaRunAsync(bool snapStart)
        {
            var mode = snapStart ? "snapstart" : "lambda";
            var emulator = await EmulatorAsync();
            Interlocked.Exchange(ref _handedOut, 0);
            var first = emulator.EnqueueAsync(Events.Get($"/tasks/{_taskId}"));
            var env = new Dictionary<string, string>
            {
                ["AWS_LAMBDA_RUNTIME_API"] = emulator.Address,
                ["AWS_LAMBDA_FUNCTION_NAME"] = "bench",
                ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
                ["AWS_REGION"] = "us-east-1",
            };
            if (snapStart)
            {
                // The app's before-snapshot hook (SnapStartWarmUp) runs; restore/next returns at once.
                env["AWS_LAMBDA_INITIALIZATION_TYPE"] = "snap-start";
            }

            var start = Stopwatch.GetTimestamp();
            using var app = Launch(env);
            try
            {
                var result = await first.WaitAsync(TimeSpan.FromSeconds(60));
                var done = Stopwatch.GetTimestamp();
                Check(result, 200);
                Add($"{mode}.init_ms", Ms(start, Interlocked.Read(ref _handedOut)));
                Add($"{mode}.first_response_ms", Ms(start, done));
                Add($"{mode}.first_invocation_ms", Ms(Interlocked.Read(ref _handedOut), done));
                if (snapStart)
                {
                    return;
                }

                Add($"{mode}.rss_after_start_mib", RssMiB(app));
                var gets = new List<double>();
                var healths = new List<double>();
                for (var i = 0; i < settings.Requests; i++)
                {
                    var (evt, kind) = Mixed(i);
                    var t0 = Stopwatch.GetTimestamp();
                    var r = await emulator.EnqueueAsync(evt).WaitAsync(TimeSpan.FromSeconds(30));
                    var ms = Ms(t0, Stopwatch.GetTimestamp());
                    Check(r, kind == "create" ? 201 : 200);
                    (kind == "get" ? gets : kind == "health" ? healths : null)?.Add(ms);
                }

                if (settings.Requests > 0)
                {
                    Add($"{mode}.rss_after_requests_mib", RssMiB(app));
                    Add($"{mode}.warm_get_p50_ms", Stats.Percentile(gets, 50));
                    Add($"{mode}.warm_health_p50_ms", Stats.Percentile(healths, 50));

                    // The app's most trivial answer (no DynamoDB call: /health calls DescribeTable): a 404 problem.
                    var trivial = new List<double>();
                    for (var i = 0; i < 200; i++)
                    {
                        var t0 = Stopwatch.GetTimestamp();
                        var r = await emulator.EnqueueAsync(Events.Get("/nothing-here")).WaitAsync(TimeSpan.FromSeconds(30));
                        trivial.Add(Ms(t0, Stopwatch.GetTimestamp()));
                        Check(r, 404);
                    }

                    Add($"{mode}.warm_404_p50_ms", Stats.Percentile(trivial, 50));
                }
            }
            finally
            {
                await StopAsync(app);
            }
        }

        private async Task KestrelRunAsync()
        {
            var port = FreePort();
            using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1) })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            };
            var start = Stopwatch.GetTimestamp();
            using var app = Launch(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });
            try
            {
                await WaitForHealthAsync(http, app, TimeSpan.FromSeconds(60));
                Add("kestrel.first_health_ms", Ms(start, Stopwatch.GetTimestamp()));
                Add("kestrel.rss_after_start_mib", RssMiB(app));
                var gets = new List<double>();
                for (var i = 0; i < settings.Requests; i++)
                {
                    var (evt, kind) = Mixed(i);
                    using var request = Events.ToHttp(evt);
                    var t0 = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(request);
                    await response.Content.LoadIntoBufferAsync();
                    var ms = Ms(t0, Stopwatch.GetTimestamp());
                    if ((int)response.StatusCode != (kind == "create" ? 201 : 200))
                    {
                        throw new InvalidOperationException($"{kind} answered {(int)response.StatusCode}");
                    }

                    if (kind == "get")
                    {
                        gets.Add(ms);
                    }
                }

                if (settings.Requests > 0)
                {
                    Add("kestrel.rss_after_requests_mib", RssMiB(app));
                    Add("kestrel.warm_get_p50_ms", Stats.Percentile(gets, 50));
                }
            }
            finally
            {
                await StopAsync(app);
            }
        }

        /// <summary>The same emulator driven by a runtime loop with no app behind it: the floor for warm latency.</summary>
        private async Task FloorAsync()
        {
            var emulator = await EmulatorAsync();
            var count = Math.Max(settings.Requests, 200);
            var samples = await BareLoopAsync(emulator, count);
            Add("floor.bare_loop_p50_ms", Stats.Percentile(samples, 50));
        }

        /// <summary>The emulator driven by a runtime loop with no app behind it (another process): the floor for warm latency.</summary>
        private static async Task<List<double>> BareLoopAsync(RuntimeApiEmulator emulator, int count)
        {
            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                start.ArgumentList.Add(typeof(Harness).Assembly.Location);
            }

            start.ArgumentList.Add("bare-loop");
            start.Environment["AWS_LAMBDA_RUNTIME_API"] = emulator.Address;
            using var loop = Process.Start(start)!;
            loop.OutputDataReceived += (_, _) => { };
            loop.BeginOutputReadLine();
            try
            {
                var samples = new List<double>();
                for (var i = 0; i < count + (count / 10); i++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    await emulator.EnqueueAsync(Events.Get("/health")).WaitAsync(TimeSpan.FromSeconds(30));
                    if (i >= count / 10)
                    {
                        samples.Add(Ms(t0, Stopwatch.GetTimestamp()));
                    }
                }

                return samples;
            }
            finally
            {
                await StopAsync(loop);
            }
        }

        /// <summary>
        /// A new emulator per run, so no long poll of a killed app can swallow the next run's event; warmed in-process
        /// first, so its own first-request costs (routing tables, JIT in this process) are not charged to the app.
        /// </summary>
        private async Task<RuntimeApiEmulator> EmulatorAsync()
        {
            if (_emulator is not null)
            {
                await _emulator.DisposeAsync();
            }

            _emulator = new RuntimeApiEmulator(new RuntimeApiEmulatorOptions
            {
                // "GET next -> id" is logged the moment a queued event is handed to a /next poll.
                Log = line =>
                {
                    if (line.StartsWith("GET next -> ", StringComparison.Ordinal))
                    {
                        Interlocked.CompareExchange(ref _handedOut, Stopwatch.GetTimestamp(), 0);
                    }
                },
            });
            await _emulator.StartAsync();
            const int WarmUps = 20;
            var loop = BareLoop.RunAsync(_emulator.Address, WarmUps);
            for (var i = 0; i < WarmUps; i++)
            {
                await _emulator.EnqueueAsync(Events.Get("/health")).WaitAsync(TimeSpan.FromSeconds(30));
            }

            await loop;
            return _emulator;
        }

        private (string Event, string Kind) Mixed(int i) => (i % 10) switch
        {
            < 5 => (Events.Get($"/tasks/{_taskId}"), "get"),
            < 7 => (Events.Get("/tasks", "limit=20"), "list"),
            < 9 => (Events.Post("/tasks", $$"""{"title":"bench {{i}}","status":"todo"}"""), "create"),
            _ => (Events.Get("/health"), "health"),
        };

        private Process Launch(Dictionary<string, string> extra)
        {
            var native = Path.Combine(settings.AppDir, "Tasks.Api");
            var dll = Path.Combine(settings.AppDir, "Tasks.Api.dll");
            ProcessStartInfo start;
            if (File.Exists(dll) && !File.Exists(native))
            {
                // What the managed dotnet10 runtime runs for Handler: Tasks.Api.
                start = new ProcessStartInfo("dotnet") { ArgumentList = { "exec", dll } };
            }
            else
            {
                // provided.al2023: the executable is the bootstrap (Native AOT, or self-contained with its apphost).
                start = new ProcessStartInfo(native);
            }

            start.UseShellExecute = false;
            start.WorkingDirectory = settings.AppDir;
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(key);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DynamoDb__ServiceUrl"] = settings.DynamoDb;
            start.Environment["DynamoDb__TableName"] = settings.Table;
            start.Environment["DynamoDb__CreateTableIfMissing"] = "false";
            start.Environment["Auth__Mode"] = "None";
            start.Environment["Security__RateLimitEnabled"] = "false";
            foreach (var (key, value) in settings.Env.Concat(extra))
            {
                start.Environment[key] = value;
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the app");
            var errors = new StringBuilder();
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (errors)
                    {
                        errors.AppendLine(e.Data);
                    }
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.Exited += (_, _) =>
            {
                lock (errors)
                {
                    if (errors.Length > 0)
                    {
                        Console.Error.WriteLine(errors.ToString());
                    }
                }
            };
            process.EnableRaisingEvents = true;
            return process;
        }

        private static async Task WaitForHealthAsync(HttpClient http, Process app, TimeSpan timeout)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                if (app.HasExited)
                {
                    throw new InvalidOperationException($"the app exited with {app.ExitCode} before answering /health");
                }

                try
                {
                    using var response = await http.GetAsync("/health");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(2);
            }

            throw new TimeoutException("/health did not answer 200 in time");
        }

        private static async Task StopAsync(Process app)
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
            }

            await app.WaitForExitAsync();
        }

        private static void Check(InvocationResult result, int status)
        {
            if (result.IsError)
            {
                throw new InvalidOperationException($"invocation error: {result.Error!.Body}");
            }

            var actual = JsonDocument.Parse(result.Response!).RootElement.GetProperty("statusCode").GetInt32();
            if (actual != status)
            {
                throw new InvalidOperationException($"expected {status}, got {actual}: {result.Response}");
            }
        }

        private static double RssMiB(Process app)
        {
            foreach (var line in File.ReadLines($"/proc/{app.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
                }
            }

            return double.NaN;
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

        private void Add(string metric, double value)
        {
            if (!_samples.TryGetValue(metric, out var list))
            {
                _samples[metric] = list = [];
                _order.Add(metric);
            }

            list.Add(value);
        }

        private void Report()
        {
            Console.WriteLine($"{"metric",-36} {"median",9} {"min",9} {"p90",9} {"max",9} {"n",4}");
            var tsv = new StringBuilder();
            foreach (var metric in _order)
            {
                var s = _samples[metric];
                var row = (Median: Stats.Percentile(s, 50), Min: s.Min(), P90: Stats.Percentile(s, 90), Max: s.Max());
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{metric,-36} {row.Median,9:F1} {row.Min,9:F1} {row.P90,9:F1} {row.Max,9:F1} {s.Count,4}"));
                tsv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{settings.Flavour}\t{metric}\t{row.Median:F2}\t{row.Min:F2}\t{row.P90:F2}\t{row.Max:F2}\t{s.Count}"));
            }

            if (settings.Tsv is not null)
            {
                File.AppendAllText(settings.Tsv, tsv.ToString());
            }
        }
    }

    internal static class Stats
    {
        /// <summary>Nearest-rank percentile (p50 of an even count is the lower middle).</summary>
        public static double Percentile(IReadOnlyCollection<double> values, double p)
        {
            if (values.Count == 0)
            {
                return double.NaN;
            }

            var sorted = values.Order().ToArray();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
        }
    }
}
