using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using LambdaEmulator;

// dotnet run --project tools/LambdaEmulator -- [--runtime-port 9001] [--http-port 5050] [--snap-start] [--timeout 30]
//   [--jwt-issuer URL --jwt-audience AUD [--jwt-audience AUD2] [--jwt-public-path /x [--jwt-public-path /y/*]]] [-- app command...]
const string Usage = "Usage: [--runtime-port N] [--http-port N] [--snap-start] [--timeout seconds] "
    + "[--jwt-issuer URL --jwt-audience AUD... [--jwt-public-path PATH...]] [-- command...]";
var runtimePort = 9001;
var httpPort = 5050;
var snapStart = false;
var timeout = TimeSpan.FromSeconds(30);
string[] command = [];
string? jwtIssuer = null;
List<string> jwtAudiences = [];
List<string> jwtPublicPaths = [];
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--runtime-port": runtimePort = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--http-port": httpPort = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--snap-start": snapStart = true; break;
        case "--timeout": timeout = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture)); break;
        case "--jwt-issuer": jwtIssuer = args[++i]; break;
        case "--jwt-audience": jwtAudiences.Add(args[++i]); break;
        case "--jwt-public-path": jwtPublicPaths.Add(args[++i]); break;
        case "--": command = args[(i + 1)..]; i = args.Length; break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. {Usage}");
            return 2;
    }
}

if ((jwtIssuer is null) != (jwtAudiences.Count == 0) || (jwtIssuer is null && jwtPublicPaths.Count > 0))
{
    Console.Error.WriteLine($"--jwt-issuer and --jwt-audience go together (as an HTTP API's jwtConfiguration). {Usage}");
    return 2;
}

JwtAuthorizer? authorizer = null;
if (jwtIssuer is not null)
{
    authorizer = new JwtAuthorizer(new JwtAuthorizerOptions
    {
        Issuer = jwtIssuer,
        Audiences = jwtAudiences,
        PublicPaths = jwtPublicPaths.Count > 0 ? jwtPublicPaths : JwtAuthorizerOptions.DefaultPublicPaths,
    });
}

await using var emulator = new RuntimeApiEmulator(new RuntimeApiEmulatorOptions
{
    Port = runtimePort,
    FunctionTimeout = timeout,
    Log = line => Console.WriteLine($"[runtime-api] {line}"),
});
await emulator.StartAsync();
await using var frontDoor = new HttpFrontDoor(emulator, httpPort, authorizer);
await frontDoor.StartAsync();
Console.WriteLine($"Runtime API: AWS_LAMBDA_RUNTIME_API={emulator.Address}{(snapStart ? " AWS_LAMBDA_INITIALIZATION_TYPE=snap-start" : "")}");
Console.WriteLine($"HTTP front door: {frontDoor.BaseAddress} (stage $default). Ctrl+C to stop.");
if (jwtIssuer is not null)
{
    Console.WriteLine($"JWT authorizer: issuer {jwtIssuer}, audience {string.Join(", ", jwtAudiences)}; public: OPTIONS, "
        + string.Join(", ", jwtPublicPaths.Count > 0 ? jwtPublicPaths : JwtAuthorizerOptions.DefaultPublicPaths));
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
// SIGTERM too, so a supervisor stopping the emulator also stops the app it spawned.
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
if (command.Length == 0)
{
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
    }

    return 0;
}

var start = new ProcessStartInfo(command[0]) { UseShellExecute = false };
// Lambda starts a function in its package folder (/var/task), where its appsettings.json sits; so does this,
// for `dotnet <package>/App.dll` (the managed runtime) and `<package>/bootstrap` (provided.al2023).
if (command is ["dotnet", var assembly, ..] && assembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
{
    start.WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(assembly));
}
else if (Path.GetFileName(command[0]) == "bootstrap")
{
    start.WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(command[0]));
}
foreach (var argument in command[1..])
{
    start.ArgumentList.Add(argument);
}

start.Environment["AWS_LAMBDA_RUNTIME_API"] = emulator.Address;
start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "local";
start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "1024";
if (!start.Environment.ContainsKey("AWS_REGION"))
{
    start.Environment["AWS_REGION"] = "us-east-1";
}
if (snapStart)
{
    start.Environment["AWS_LAMBDA_INITIALIZATION_TYPE"] = "snap-start";
}

using var app = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{command[0]}'.");
try
{
    await app.WaitForExitAsync(stop.Token);
    Console.WriteLine($"The app exited with code {app.ExitCode}.");
    return app.ExitCode;
}
catch (OperationCanceledException)
{
    app.Kill(entireProcessTree: true);
    await app.WaitForExitAsync();
    return 0;
}
