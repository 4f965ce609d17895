using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Iris.Predictor.Tests.Infrastructure;

/// <summary>
/// The whole-number measurements one service instance makes, as they are made. Other test classes
/// run their own predictors in this process at the same time: only the meters this service's own
/// factory created are heard (a factory-made meter's scope is its factory).
/// </summary>
public sealed class ServiceMeasurements : IDisposable
{
    private readonly MeterListener _listener;
    private readonly List<(string Instrument, long Value, Dictionary<string, string?> Tags)> _heard = [];

    public ServiceMeasurements(IServiceProvider services, params string[] instruments)
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instruments.Contains(instrument.Name))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value?.ToString());
            lock (_heard)
            {
                _heard.Add((instrument.Name, value, tagged));
            }
        });
        _listener.Start();
    }

    /// <summary>The sum of what <paramref name="instrument"/> measured, of the measurements whose tags match.</summary>
    public long Sum(string instrument, Func<IReadOnlyDictionary<string, string?>, bool>? tags = null)
    {
        lock (_heard)
        {
            return _heard.Where(m => m.Instrument == instrument && (tags?.Invoke(m.Tags) ?? true)).Sum(m => m.Value);
        }
    }

    /// <summary>The sums of what <paramref name="instrument"/> measured, by the value of one tag.</summary>
    public Dictionary<string, long> SumBy(string instrument, string tag)
    {
        lock (_heard)
        {
            return _heard.Where(m => m.Instrument == instrument && m.Tags.ContainsKey(tag))
                .GroupBy(m => m.Tags[tag]!).ToDictionary(group => group.Key, group => group.Sum(m => m.Value));
        }
    }

    public void Dispose() => _listener.Dispose();
}
