extern alias emulator;

using emulator::LambdaEmulator;

namespace Tasks.Web.Tests.Infrastructure;

/// <summary>
/// The app as a Lambda function: started with AWS_LAMBDA_RUNTIME_API pointing at the Runtime API emulator, reached
/// through its front door, which turns each browser request into an HTTP API v2 event as API Gateway does, and, with
/// <see cref="PageApp.Authorizer"/> set, first checks the bearer token as the HTTP API's JWT authorizer does.
/// </summary>
public class LambdaApp : PageApp
{
    private RuntimeApiEmulator? _emulator;
    private HttpFrontDoor? _frontDoor;

    protected override async Task<AppProcess> StartAsync(Dictionary<string, string?> environment)
    {
        _emulator = new RuntimeApiEmulator(new RuntimeApiEmulatorOptions());
        await _emulator.StartAsync();
        var authorizer = Authorizer is { } issuer
            ? new JwtAuthorizer(new JwtAuthorizerOptions { Issuer = issuer.Issuer, Audiences = [OidcProvider.Audience] })
            : null;
        _frontDoor = new HttpFrontDoor(_emulator, BaseAddress.Port, authorizer);
        await _frontDoor.StartAsync();
        environment["AWS_LAMBDA_RUNTIME_API"] = _emulator.Address;
        return await AppProcess.StartAsync(environment);
    }

    protected override async Task StopAsync()
    {
        if (_frontDoor is not null)
        {
            await _frontDoor.DisposeAsync();
        }
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
