using Microsoft.AspNetCore.Http.HttpResults;

namespace Iris.Predictor.History;

public static class HistoryApi
{
    private const string Unavailable = "The shared prediction history (Redis) is unavailable; predictions still work.";

    public static RouteGroupBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/predictions").WithTags("History");

        api.MapGet("/recent", GetRecent)
            .WithName("GetRecentPredictions")
            .WithSummary("The latest predictions of all replicas, newest first.");

        api.MapGet("/stats", GetStats)
            .WithName("GetPredictionStats")
            .WithSummary("How many predictions named each species, across all replicas.");

        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<RecordedPrediction>>, ValidationProblem, ProblemHttpResult>> GetRecent(
        PredictionHistory history, int? limit)
    {
        var count = limit ?? 10;
        if (count is < 1 or > PredictionHistory.MaxRecent)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["limit"] = [$"limit must be between 1 and {PredictionHistory.MaxRecent}."]
            });
        }

        var recent = await history.GetRecentAsync(count);
        return recent is null
            ? TypedResults.Problem(Unavailable, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(recent);
    }

    public static async Task<Results<Ok<PredictionStats>, ProblemHttpResult>> GetStats(PredictionHistory history)
    {
        var stats = await history.GetStatsAsync();
        return stats is null
            ? TypedResults.Problem(Unavailable, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(stats);
    }
}
