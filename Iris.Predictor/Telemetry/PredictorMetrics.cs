using System.Diagnostics;
using System.Diagnostics.Metrics;
using Iris.Predictor.Flowers;
using Iris.Predictor.Model;

namespace Iris.Predictor.Telemetry;

/// <summary>The <c>Iris.Predictor</c> meter: predictions by species, latency, cache use and the serving metrics (the model's version is <see cref="Model.ModelStore"/>'s).</summary>
public sealed class PredictorMetrics
{
    public const string MeterName = "Iris.Predictor";

    private readonly Counter<long> _predictions;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _historyDropped;
    private readonly Counter<long> _inferenceRequests;
    private readonly Histogram<double> _inferenceDuration;
    private readonly Histogram<long> _batchSize;

    public PredictorMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _predictions = meter.CreateCounter<long>("iris.predictions", "{prediction}", "Predictions made, by species and model version.");
        _duration = meter.CreateHistogram<double>("iris.prediction.duration", "s", "Time to score one request's flowers, cache included, by model version.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1e-6, 5e-6, 1e-5, 5e-5, 1e-4, 5e-4, 1e-3, 5e-3, 1e-2, 0.1] });
        _cacheLookups = meter.CreateCounter<long>("iris.cache.lookups", "{lookup}", "Predictions by what the cache did: hit, miss, or bypass (the model scores faster than the cache would answer).");
        _historyDropped = meter.CreateCounter<long>("iris.history.dropped", "{prediction}", "Predictions not recorded in the shared history because its queue was full.");
        // The serving metrics an operator of Triton or KServe looks for, by protocol (iris, v2-rest, v2-grpc).
        _inferenceRequests = meter.CreateCounter<long>("iris.inference.requests", "{request}",
            "Inference requests by model, model version, protocol and outcome (success, or failure: refused or failed).");
        _inferenceDuration = meter.CreateHistogram<double>("iris.inference.duration", "s",
            "Time from the request reaching the inference endpoint to its answer, by model, model version and protocol.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 5e-2, 0.1, 0.5, 1] });
        _batchSize = meter.CreateHistogram<long>("iris.inference.batch_size", "{row}",
            "Flowers scored by one inference request, by model, model version and protocol.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000] });
    }

    /// <summary>
    /// One request's flowers, scored by one model: how many, which species, and how long the scoring
    /// took, each by the model's version, so that a canary can be compared with the stable model.
    /// </summary>
    public void Scored(ServingProtocol protocol, string modelVersion, IReadOnlyList<IrisPrediction> predictions, long startTimestamp)
    {
        var version = Version(modelVersion);
        _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, version);
        _batchSize.Record(predictions.Count, new KeyValuePair<string, object?>("model", IrisModel.Name), version, new KeyValuePair<string, object?>("protocol", protocol.Name));
        foreach (var species in Species.All)
        {
            if (predictions.Count(prediction => prediction.Species == species) is > 0 and var count)
            {
                _predictions.Add(count, new KeyValuePair<string, object?>("species", species), version);
            }
        }
    }

    public void CacheLookup(string result) => _cacheLookups.Add(1, new KeyValuePair<string, object?>("result", result));

    public void HistoryDropped(long count) => _historyDropped.Add(count);

    /// <summary>One inference request, answered or refused, by the version of the model the service was serving.</summary>
    public void Served(string protocol, string modelVersion, bool succeeded, long startTimestamp)
    {
        var tags = new TagList
        {
            { "model", IrisModel.Name },
            Version(modelVersion),
            { "protocol", protocol },
        };
        _inferenceDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
        tags.Add("outcome", succeeded ? "success" : "failure");
        _inferenceRequests.Add(1, tags);
    }

    /// <summary>The same attribute as the model's info gauge, <c>model_version</c> in Prometheus.</summary>
    private static KeyValuePair<string, object?> Version(string version) => new(ModelStore.VersionAttribute, version);
}
