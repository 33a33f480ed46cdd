namespace Tasks.Web.Tests.Infrastructure;

/// <summary>The app on Kestrel with authentication on: JwtBearer validates the local provider's tokens itself.</summary>
public sealed class KestrelSignInApp : KestrelApp
{
    protected override bool SignIn => true;
}

/// <summary>The app behind the front door's JWT authorizer, as behind the HTTP API's; the app reads the claims it passes.</summary>
public sealed class LambdaSignInApp : LambdaApp
{
    protected override bool SignIn => true;
}
