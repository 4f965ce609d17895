using Microsoft.Extensions.Configuration;

namespace Iris.AppHost;

public static class ConfigurationPassThrough
{
    /// <summary>Gives a resource every value under <paramref name="section"/>, as environment variables of the same keys.</summary>
    public static IResourceBuilder<T> WithSettingsFrom<T>(this IResourceBuilder<T> resource, IConfigurationSection section)
        where T : IResourceWithEnvironment
    {
        foreach (var (key, value) in section.AsEnumerable())
        {
            if (value is not null)
            {
                resource.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
            }
        }
        return resource;
    }
}
