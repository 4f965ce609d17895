using System.Diagnostics.Metrics;
using Iris.Predictor.Telemetry;
using Microsoft.Extensions.Options;

namespace Iris.Predictor.Model;

/// <summary>
/// Holds the model being served. A reload validates the new files completely before one atomic swap;
/// requests that already took <see cref="Current"/> finish on the model they started with.
/// A bad file is refused with a logged error and the current model keeps serving.
/// </summary>
public sealed class ModelStore
{
    /// <summary>The metric attribute that names a model version: <c>model_version</c> in Prometheus.</summary>
    public const string VersionAttribute = "model.version";

    private readonly ILogger<ModelStore> _logger;
    private IrisModel _current;

    public ModelStore(IOptions<ModelOptions> options, ILogger<ModelStore> logger, IMeterFactory meterFactory)
    {
        Files = options.Value.Files;
        _logger = logger;
        // No model, no service: a start without a valid model fails loudly.
        _current = ModelLoader.Load(Files);
        _logger.LogInformation("Serving model {Name} {Version} from {Path}; a prediction takes {ScoringMicroseconds:F2} µs",
            _current.Metadata.Name, _current.Version, Files.ModelPath, _current.ScoringTime.TotalMicroseconds);
        meterFactory.Create(PredictorMetrics.MeterName).CreateObservableGauge("iris.model.info", () =>
            new Measurement<int>(1, new KeyValuePair<string, object?>(VersionAttribute, Current.Version)),
            description: "The model being served (1, tagged with its version).");
    }

    public IrisModel Current => Volatile.Read(ref _current);

    public ModelFiles Files { get; }

    /// <summary>When the last reload was refused, and why; null after a successful one.</summary>
    public string? LastRefusal { get; private set; }

    /// <summary>Loads the files again; swaps only when they validate and hold a different model.</summary>
    public bool TryReload()
    {
        IrisModel candidate;
        try
        {
            candidate = ModelLoader.Load(Files);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            LastRefusal = $"{DateTimeOffset.UtcNow:O}: {ex.Message}";
            _logger.LogError(ex, "Refused the model files at {Path}; still serving {Version}", Files.ModelPath, Current.Version);
            return false;
        }

        LastRefusal = null;
        if (candidate.Version == Current.Version)
        {
            // The same model again: keep the instance that serves, with its warm prediction engines.
            return false;
        }

        var previous = Interlocked.Exchange(ref _current, candidate);

        _logger.LogInformation("Model reloaded: now serving {Version} (was {Previous}); a prediction takes {ScoringMicroseconds:F2} µs",
            candidate.Version, previous.Version, candidate.ScoringTime.TotalMicroseconds);
        return true;
    }
}
