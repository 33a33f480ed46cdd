using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Tasks.Api.Platform.Http;

/// <summary>A request body read as a JSON object, or the problem that answers why it could not be.</summary>
internal sealed class JsonBodyRead : IDisposable
{
    private JsonBodyRead(JsonDocument? document, ProblemHttpResult? problem) => (Document, Problem) = (document, problem);

    public JsonDocument? Document { get; }

    public ProblemHttpResult? Problem { get; }

    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Document is not null;

    public static JsonBodyRead Read(JsonDocument document) => new(document, null);

    public static JsonBodyRead Refused(ProblemHttpResult problem) => new(null, problem);

    public void Dispose() => Document?.Dispose();
}
