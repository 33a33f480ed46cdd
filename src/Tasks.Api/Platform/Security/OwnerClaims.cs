namespace Tasks.Api.Platform.Security;

internal static class OwnerClaims
{
    public const string Subject = "sub";
    public const string Issuer = "iss";
}
