namespace Tasks.Web.Tests.Infrastructure;

/// <summary>The app on Kestrel over a DynamoDB Local of its own, which a test stops and starts again.</summary>
public sealed class KestrelOutageApp : KestrelApp
{
    protected override bool OwnDynamoDb => true;
}

/// <summary>The same through the Lambda front door.</summary>
public sealed class LambdaOutageApp : LambdaApp
{
    protected override bool OwnDynamoDb => true;
}
