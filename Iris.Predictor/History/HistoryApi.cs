using Microsoft.AspNetCore.Http.HttpResults;

namespace Iris.Predictor.History;

public static class HistoryApi
{
    private const int DefaultLimit = 10;

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

        api.MapGet("/summary", GetSummary)
            .WithName("GetPredictionSummary")
            .WithSummary("The counts per species and the latest predictions, as of one moment.");

        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<RecordedPrediction>>, ValidationProblem, ProblemHttpResult>> GetRecent(
        PredictionHistory history, int? limit)
    {
        if (LimitProblem(limit) is { } problem)
        {
            return problem;
        }

        var recent = await history.GetRecentAsync(limit ?? DefaultLimit);
        return recent is null
            ? TypedResults.Problem(Unavailable, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(recent);
    }

    public static async Task<Results<Ok<PredictionSummary>, ValidationProblem, ProblemHttpResult>> GetSummary(
        PredictionHistory history, int? limit)
    {
        if (LimitProblem(limit) is { } problem)
        {
            return problem;
        }

        var summary = await history.GetSummaryAsync(limit ?? DefaultLimit);
        return summary is null
            ? TypedResults.Problem(Unavailable, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(summary);
    }

    private static ValidationProblem? LimitProblem(int? limit) => limit is < 1 or > PredictionHistory.MaxRecent
        ? TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["limit"] = [$"limit must be between 1 and {PredictionHistory.MaxRecent}."]
        })
        : null;

    public static async Task<Results<Ok<PredictionStats>, ProblemHttpResult>> GetStats(PredictionHistory history)
    {
        var stats = await history.GetStatsAsync();
        return stats is null
            ? TypedResults.Problem(Unavailable, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(stats);
    }
}
