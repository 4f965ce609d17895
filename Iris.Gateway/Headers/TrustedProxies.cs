using System.ComponentModel.DataAnnotations;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Iris.Gateway.Headers;

/// <summary>
/// The <c>Gateway:TrustedProxies</c> setting: the networks (CIDR notation, e.g. a cloud load
/// balancer's ranges) whose X-Forwarded-For/Proto/Host the gateway believes. A value that is not a
/// network stops the start with its name and value.
/// </summary>
public sealed class TrustedProxyOptions : IValidatableObject
{
    public const string SectionName = "Gateway";

    public string[] TrustedProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        TrustedProxies.Where(network => !IPNetwork.TryParse(network, out _)).Select(network => new ValidationResult(
            $"Gateway:TrustedProxies: '{network}' is not a network in CIDR notation (such as 10.0.0.0/8 or 2001:db8::/32).",
            [nameof(TrustedProxies)]));
}

/// <summary>
/// Trusts X-Forwarded-For/Proto/Host only from the trusted networks; from anyone else they are
/// ignored, so a client cannot pick its own address for the rate limiter.
/// </summary>
public static class TrustedProxies
{
    public static void AddTrustedProxies(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrustedProxyOptions>()
            .BindConfiguration(TrustedProxyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((options, trusted) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in trusted.Value.TrustedProxies)
            {
                options.KnownIPNetworks.Add(IPNetwork.Parse(network));
            }
            options.ForwardLimit = 1;
        });
    }

    public static void UseTrustedProxies(this WebApplication app)
    {
        // With no known proxy at all the middleware would believe every sender: leave it out.
        if (app.Services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value.TrustedProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }
    }
}
