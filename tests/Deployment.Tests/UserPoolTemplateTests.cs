using System.Text.Json;
using System.Text.RegularExpressions;

namespace Deployment.Tests;

/// <summary>The stack's own sign-in (Cognito user pool, page client, hosted domain) and the external-issuer alternative.</summary>
public sealed class UserPoolTemplateTests
{
    private const string Issuer = "https://login.example.com/realms/tasks";
    private const string Audience = "tasks-api";

    private static JsonElement Resources => RepositoryFiles.Resources;

    private static JsonElement Pool => Resources.GetProperty("UserPool").GetProperty("Properties");

    private static JsonElement Client => Resources.GetProperty("UserPoolClient").GetProperty("Properties");

    private static JsonElement Variables => Resources.GetProperty("TasksFunction").GetProperty("Properties")
        .GetProperty("Environment").GetProperty("Variables");

    private static JsonElement Authorizer => Resources.GetProperty("TasksJwtAuthorizer").GetProperty("Properties").GetProperty("JwtConfiguration");

    /// <summary>The page's URL on the stage: the ApiUrl output.</summary>
    private static string PageUrl => Json(RepositoryFiles.Template.GetProperty("Outputs").GetProperty("ApiUrl").GetProperty("Value"));

    [Theory]
    [InlineData("Jwt", "", "", true)] // the default: the stack's own pool
    [InlineData("Jwt", Issuer, Audience, false)]
    [InlineData("None", "", "", false)]
    public void CreateUserPool_Condition_FollowsAuthenticationAndIssuer(string authentication, string issuer, string audience, bool created)
    {
        var expressions = Expressions(("Authentication", authentication), ("JwtIssuer", issuer), ("JwtAudience", audience));

        Assert.Equal(created, expressions.Condition("CreateUserPool"));
        Assert.Empty(expressions.FailedRuleAssertions());
        Assert.All(
            new[] { "UserPool", "UserPoolClient", "UserPoolDomain" },
            id => Assert.Equal("CreateUserPool", Resources.GetProperty(id).GetProperty("Condition").GetString()));
    }

    [Fact]
    public void Pool_SignIn_IsByVerifiedEmailWithOptionalMfaAndALengthPolicy()
    {
        Assert.Equal(["email"], Pool.GetProperty("UsernameAttributes").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["email"], Pool.GetProperty("AutoVerifiedAttributes").EnumerateArray().Select(a => a.GetString()));
        Assert.False(Pool.GetProperty("UsernameConfiguration").GetProperty("CaseSensitive").GetBoolean());
        Assert.Equal("OPTIONAL", Pool.GetProperty("MfaConfiguration").GetString());
        Assert.Contains("SOFTWARE_TOKEN_MFA", Pool.GetProperty("EnabledMfas").EnumerateArray().Select(m => m.GetString()));
        Assert.InRange(Pool.GetProperty("Policies").GetProperty("PasswordPolicy").GetProperty("MinimumLength").GetInt32(), 12, 99);
    }

    [Fact]
    public void Pool_Prod_IsRetainedAndDeletionProtected()
    {
        var pool = Resources.GetProperty("UserPool");
        var protection = Pool.GetProperty("DeletionProtection");

        Assert.Equal("Retain", pool.GetProperty("DeletionPolicy").GetString());
        Assert.Equal("Retain", pool.GetProperty("UpdateReplacePolicy").GetString());
        Assert.Equal("ACTIVE", Expressions(("Stage", "prod")).Resolve(protection).GetString());
        Assert.Equal("INACTIVE", Expressions(("Stage", "dev")).Resolve(protection).GetString());
    }

    [Theory]
    [InlineData("dev", "stage-default", true)]
    [InlineData("prod", "stage-default", false)]
    [InlineData("dev", "off", false)]
    [InlineData("prod", "on", true)]
    public void SelfSignUp_Parameter_DefaultsOnInDevAndOffInProd(string stage, string selfSignUp, bool allowed)
    {
        var adminOnly = Pool.GetProperty("AdminCreateUserConfig").GetProperty("AllowAdminCreateUserOnly");

        Assert.Equal("stage-default", RepositoryFiles.Template.GetProperty("Parameters").GetProperty("SelfSignUp").GetProperty("Default").GetString());
        Assert.Equal(!allowed, Expressions(("Stage", stage), ("SelfSignUp", selfSignUp)).Resolve(adminOnly).GetBoolean());
    }

    [Fact]
    public void Client_Flows_AreAuthorizationCodeOnlyWithoutASecret()
    {
        Assert.False(Client.GetProperty("GenerateSecret").GetBoolean());
        Assert.True(Client.GetProperty("AllowedOAuthFlowsUserPoolClient").GetBoolean());
        Assert.Equal(["code"], Client.GetProperty("AllowedOAuthFlows").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["ALLOW_REFRESH_TOKEN_AUTH"], Client.GetProperty("ExplicitAuthFlows").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("openid", Client.GetProperty("AllowedOAuthScopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("ENABLED", Client.GetProperty("PreventUserExistenceErrors").GetString());
    }

    [Fact]
    public void Client_TokenLifetimes_AreAnHourForAccessAndIdTokens()
    {
        var units = Client.GetProperty("TokenValidityUnits");

        Assert.Equal(("minutes", 60), (units.GetProperty("AccessToken").GetString(), Client.GetProperty("AccessTokenValidity").GetInt32()));
        Assert.Equal(("minutes", 60), (units.GetProperty("IdToken").GetString(), Client.GetProperty("IdTokenValidity").GetInt32()));
        Assert.Equal(("hours", 12), (units.GetProperty("RefreshToken").GetString(), Client.GetProperty("RefreshTokenValidity").GetInt32()));
    }

    [Fact]
    public void Client_CallbackAndSignOutUrls_AreThePageOnTheStage()
    {
        var callbacks = Expressions().Resolve(Client.GetProperty("CallbackURLs")).EnumerateArray().Select(Json).ToList();
        var signOut = Client.GetProperty("LogoutURLs").EnumerateArray().Select(Json).ToList();

        Assert.Equal(
            """{"Fn::Sub":"https://${TasksApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Stage}/"}""",
            PageUrl);
        Assert.Equal([PageUrl], callbacks);
        Assert.Equal([PageUrl], signOut);
    }

    [Fact]
    public void Client_ExtraCallbackUrl_IsRegisteredBesideThePage()
    {
        const string postman = "https://oauth.pstmn.io/v1/callback";
        var callbacks = Expressions(("ExtraCallbackUrl", postman)).Resolve(Client.GetProperty("CallbackURLs")).EnumerateArray().ToList();
        var pattern = new Regex(RepositoryFiles.Template.GetProperty("Parameters").GetProperty("ExtraCallbackUrl").GetProperty("AllowedPattern").GetString()!);

        Assert.Equal(2, callbacks.Count);
        Assert.Equal(PageUrl, Json(callbacks[0]));
        Assert.Equal("ExtraCallbackUrl", callbacks[1].GetProperty("Ref").GetString());
        Assert.Matches(pattern, postman);
        Assert.Matches(pattern, "http://localhost:5000/callback");
        Assert.DoesNotMatch(pattern, "http://example.com/callback");
    }

    [Fact]
    public void Domain_DefaultPrefix_IsDerivedFromTheStackIdAndKeepsToCognitosRules()
    {
        var domain = Resources.GetProperty("UserPoolDomain").GetProperty("Properties").GetProperty("Domain");
        var derived = Json(Expressions().Resolve(domain));
        var pattern = new Regex(RepositoryFiles.Template.GetProperty("Parameters").GetProperty("CognitoDomainPrefix").GetProperty("AllowedPattern").GetString()!);

        // The stack id's last part is a UUID (lower-case hex): unique, and it can spell none of the forbidden words.
        Assert.Equal("""{"Fn::Join":["",["tasks-",{"Fn::Select":[2,{"Fn::Split":["/",{"Ref":"AWS::StackId"}]}]}]]}""", derived);
        Assert.Matches(pattern, "tasks-" + Guid.NewGuid().ToString("D"));
        Assert.Matches(pattern, "");
        Assert.All(new[] { "my-aws-login", "amazon-tasks", "tasks-cognito", "-tasks", "Tasks", new string('a', 64) }, p => Assert.DoesNotMatch(pattern, p));
        Assert.Equal("acme-tasks", Expressions(("CognitoDomainPrefix", "acme-tasks")).Resolve(domain).GetString());
    }

    [Fact]
    public void Authorizer_CreatedPool_TrustsThePoolAndThePageClient()
    {
        var created = Expressions();

        Assert.Equal("""{"Fn::Sub":"https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}"}""", Json(created.Resolve(Authorizer.GetProperty("Issuer"))));
        Assert.Equal("""{"Ref":"UserPoolClient"}""", Json(created.Resolve(Authorizer.GetProperty("Audience")[0])));
    }

    [Fact]
    public void Authorizer_ExternalIssuer_TrustsTheParameters()
    {
        var external = Expressions(("JwtIssuer", Issuer), ("JwtAudience", Audience));

        Assert.Equal(Issuer, external.Resolve(Authorizer.GetProperty("Issuer")).GetString());
        Assert.Equal(Audience, external.Resolve(Authorizer.GetProperty("Audience")[0]).GetString());
    }

    [Fact]
    public void Environment_CreatedPool_GivesTheAppTheAuthorizersIssuerAudienceAndTheSignInSettings()
    {
        var created = Expressions();

        Assert.Equal(Json(created.Resolve(Authorizer.GetProperty("Issuer"))), Json(created.Resolve(Variables.GetProperty("Auth__Issuer"))));
        Assert.Equal(Json(created.Resolve(Authorizer.GetProperty("Audience")[0])), Json(created.Resolve(Variables.GetProperty("Auth__Audience"))));
        Assert.Equal("""{"Ref":"UserPoolClient"}""", Json(created.Resolve(Variables.GetProperty("Auth__ClientId"))));
        Assert.Equal(
            """{"Fn::Sub":"https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com/logout?client_id=${UserPoolClient}"}""",
            Json(created.Resolve(Variables.GetProperty("Auth__SignOutUrl"))));
        var scopes = Variables.GetProperty("Auth__Scopes").GetString()!.Split(' ');
        Assert.Contains("openid", scopes);
        Assert.Subset(Client.GetProperty("AllowedOAuthScopes").EnumerateArray().Select(s => s.GetString()!).ToHashSet(), scopes.ToHashSet());
    }

    [Fact]
    public void Environment_ExternalIssuer_UsesTheParametersAndLeavesSignOutToDiscovery()
    {
        var external = Expressions(("JwtIssuer", Issuer), ("JwtAudience", Audience));
        var withClient = Expressions(("JwtIssuer", Issuer), ("JwtAudience", Audience), ("JwtClientId", "tasks-page"));

        Assert.Equal(Issuer, external.Resolve(Variables.GetProperty("Auth__Issuer")).GetString());
        Assert.Equal(Audience, external.Resolve(Variables.GetProperty("Auth__Audience")).GetString());
        Assert.Equal(Audience, external.Resolve(Variables.GetProperty("Auth__ClientId")).GetString());
        Assert.Equal("tasks-page", withClient.Resolve(Variables.GetProperty("Auth__ClientId")).GetString());
        Assert.Equal("\"\"", Json(external.Resolve(Variables.GetProperty("Auth__SignOutUrl"))));
    }

    [Fact]
    public void Outputs_CreatedPool_NameThePoolTheClientAndTheSignInPage()
    {
        var outputs = RepositoryFiles.Template.GetProperty("Outputs");

        Assert.All(
            new[] { "UserPoolId", "UserPoolClientId", "SignInUrl" },
            name => Assert.Equal("CreateUserPool", outputs.GetProperty(name).GetProperty("Condition").GetString()));
        var signIn = outputs.GetProperty("SignInUrl").GetProperty("Value").GetProperty("Fn::Sub").GetString()!;
        Assert.StartsWith("https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com/login?client_id=${UserPoolClient}", signIn, StringComparison.Ordinal);
        Assert.EndsWith("redirect_uri=" + PageUrl[(PageUrl.IndexOf("https://", StringComparison.Ordinal))..^2], signIn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void SamConfig_Environment_CreatesItsPoolWithNoPlaceholders(string environment)
    {
        var overrides = SamConfig.Parse(RepositoryFiles.ReadText("samconfig.toml"))[$"{environment}.deploy.parameters"]["parameter_overrides"];
        var expressions = new TemplateExpressions(RepositoryFiles.Template, SamConfig.Overrides(overrides));

        Assert.True(expressions.Condition("CreateUserPool"), $"[{environment}] should deploy with the stack's own user pool");
        Assert.DoesNotMatch(new Regex("REGION|USER_POOL_ID|APP_CLIENT_ID|example\\.com", RegexOptions.IgnoreCase), overrides);
    }

    private static string Json(JsonElement value) => JsonSerializer.Serialize(value);

    private static TemplateExpressions Expressions(params (string Name, string Value)[] overrides) =>
        new(RepositoryFiles.Template, overrides.ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal));
}
