using System.Text.Json.Serialization;

namespace Tasks.Api.Web;

/// <summary>
/// What the page needs to sign a person in: public facts about the OpenID provider and the page's own client, never a
/// secret. Served at <c>/auth/config</c>; <c>mode</c> is <c>none</c> when authentication is off.
/// </summary>
internal sealed record SignInSettings(
    string Mode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Issuer = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Scopes = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Resource = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SignOutUrl = null);
