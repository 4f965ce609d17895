using Iris.Predictor.Documentation;
using Iris.Predictor.History;
using Iris.Predictor.Inference.Grpc;
using Iris.Predictor.Inference.Rest;
using Iris.Predictor.Model;
using Iris.Predictor.Prediction;
using Iris.Predictor.Telemetry;
using Iris.Predictor.Training;
using Iris.Predictor;

if (args is ["train", .. var trainArgs])
{
    return TrainCommand.Run(trainArgs);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

// Load the model before taking traffic: a missing or broken model stops the start, not a request.
app.Services.GetRequiredService<ModelStore>();

// First: an oversized upload gets its 413 read by the client, not a reset connection.
app.UseLingeringClose();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseServingMetrics();
app.UseModelVersionHeader();

app.MapDefaultEndpoints();
app.MapPredictionApi();
app.MapModelApi();
app.MapHistoryApi();
app.MapInferenceApi();
app.MapGrpcInference();
app.MapApiDocumentation();

app.Run();
return 0;

public partial class Program;
