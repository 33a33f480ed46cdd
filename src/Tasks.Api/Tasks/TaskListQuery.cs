using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Tasks.Api.Platform.Http;

namespace Tasks.Api.Tasks;

/// <summary>GET /tasks's query string, checked: a known status, a limit in range, a cursor this list issued for the same query.</summary>
internal sealed record TaskListQuery(string? Status, int Limit, Guid? After)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static bool TryParse(
        string ownerId, string? status, string? limit, string? cursor,
        [NotNullWhen(true)] out TaskListQuery? query, [NotNullWhen(false)] out ValidationProblem? problem)
    {
        query = null;
        problem = null;
        var pageSize = DefaultPageSize;
        Guid lastId = default;
        if (status is not null && !TaskStatuses.IsKnown(status))
        {
            problem = Problems.BadParameter("status", $"Status must be one of: {string.Join(", ", TaskStatuses.All)}.");
        }
        else if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            problem = Problems.BadParameter("limit", $"Limit must be a whole number from 1 to {MaxPageSize}.");
        }
        else if (cursor is not null && !TaskCursor.TryDecode(cursor, ownerId, status, out lastId))
        {
            problem = Problems.BadParameter("cursor", "The cursor is not one this list returned for this query.");
        }
        else
        {
            query = new TaskListQuery(status, pageSize, cursor is null ? null : lastId);
        }
        return query is not null;
    }
}
