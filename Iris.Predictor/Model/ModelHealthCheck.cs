using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iris.Predictor.Model;

/// <summary>Reports the model being served; a refused reload is worth a look but the old model still answers.</summary>
public sealed class ModelHealthCheck(ModelStore models) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["version"] = models.Current.Version };
        if (models.LastRefusal is { } refusal)
        {
            data["lastRefusedReload"] = refusal;
        }
        return Task.FromResult(HealthCheckResult.Healthy($"Serving model {models.Current.Version}", data));
    }
}
