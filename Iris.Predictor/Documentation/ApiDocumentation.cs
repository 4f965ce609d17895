using Scalar.AspNetCore;

namespace Iris.Predictor.Documentation;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) and an API reference page (<c>/scalar</c>), served by the predictor itself.</summary>
public static class ApiDocumentation
{
    public static void AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Iris predictor";
            document.Info.Description =
                "An ML.NET Iris classifier: its own JSON API (measurements in centimetres) " +
                "and the Open Inference Protocol (KServe V2) for the model \"iris\".";
            return Task.CompletedTask;
        }));

    public static void MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(options =>
        {
            options.WithTitle("Iris predictor API");
            // Everything from this service: a cluster may have no egress, and the page must not phone home.
            options.DefaultFonts = false;
            options.Telemetry = false;
        });
    }
}
