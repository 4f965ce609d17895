using Microsoft.AspNetCore.Http.HttpResults;

namespace Iris.Predictor.Model;

public static class ModelApi
{
    public static RouteHandlerBuilder MapModelApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/model", GetModel)
            .WithTags("Model")
            .WithName("GetModel")
            .WithSummary("The model being served: version, trainer, features and their training ranges, classes and cross-validated quality.");

    public static Ok<ModelMetadata> GetModel(ModelStore models) => TypedResults.Ok(models.Current.Metadata);
}
