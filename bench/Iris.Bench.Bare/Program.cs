// A bare Kestrel endpoint that answers POST /predict with a constant: the ceiling that bench/run.sh
// compares Iris's own endpoints with. No logging, telemetry or body parsing, on purpose.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var app = builder.Build();

var answer = """{"species":"virginica","probabilities":{"setosa":0.0,"versicolor":0.0,"virginica":1.0},"modelVersion":"constant"}"""u8.ToArray();
app.MapPost("/predict", () => Results.Bytes(answer, "application/json"));

app.Run();
