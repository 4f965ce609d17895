using Microsoft.AspNetCore.Http.HttpResults;

namespace Iris.Predictor.History;

public static class HistoryApi
{
    private const int DefaultLimit = 10;

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
        PredictionHistory history, int? limit) =>
        LimitProblem(limit) is { } problem ? problem : Answer(await history.GetRecentAsync(limit ?? DefaultLimit));

    public static async Task<Results<Ok<PredictionSummary>, ValidationProblem, ProblemHttpResult>> GetSummary(
        PredictionHistory history, int? limit) =>
        LimitProblem(limit) is { } problem ? problem : Answer(await history.GetSummaryAsync(limit ?? DefaultLimit));

    public static async Task<Results<Ok<PredictionStats>, ProblemHttpResult>> GetStats(PredictionHistory history) =>
        await history.GetStatsAsync() is { } stats ? TypedResults.Ok(stats) : Unavailable();

    private static ValidationProblem? LimitProblem(int? limit) => limit is < 1 or > PredictionHistory.MaxRecent
        ? TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["limit"] = [$"limit must be between 1 and {PredictionHistory.MaxRecent}."]
        })
        : null;

    /// <summary>What the history read, or 503 while it is unavailable.</summary>
    private static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Answer<T>(T? read) where T : class =>
        read is null ? Unavailable() : TypedResults.Ok(read);

    private static ProblemHttpResult Unavailable() =>
        TypedResults.Problem("The shared prediction history (Redis) is unavailable; predictions still work.", statusCode: StatusCodes.Status503ServiceUnavailable);
}
