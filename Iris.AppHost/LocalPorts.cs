using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Iris.AppHost;

public static class LocalPorts
{
    /// <summary>
    /// A project's Kestrel:Endpoints fix the ports it listens on (8080 for HTTP, 8081 for gRPC), and
    /// Aspire takes them as the local ports too. The gateway, the public entry point, keeps them;
    /// locally the other projects get ports Aspire chooses, so that they can all ship 8080.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPortsChosenLocally(this IResourceBuilder<ProjectResource> project)
    {
        if (project.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            foreach (var endpoint in project.Resource.Annotations.OfType<EndpointAnnotation>())
            {
                endpoint.Port = null;
            }
        }
        return project;
    }

    /// <summary>
    /// Locally, the ports of the resource's endpoints as <c>{section}:Ports:{endpoint}</c> sets them
    /// (e.g. <c>--Gateway:Ports:http=8090</c>), and, before anything starts, a clear error in the
    /// console for each fixed port another program already holds: Aspire itself would only show the
    /// resource unhealthy in the dashboard while the other program answers at that address.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithFixedLocalPorts(this IResourceBuilder<ProjectResource> project, IConfigurationSection section)
    {
        var builder = project.ApplicationBuilder;
        if (!builder.ExecutionContext.IsRunMode)
        {
            return project;
        }

        var endpoints = project.Resource.Annotations.OfType<EndpointAnnotation>().ToList();
        foreach (var endpoint in endpoints)
        {
            if (section.GetValue<int?>($"Ports:{endpoint.Name}") is { } port)
            {
                endpoint.Port = port;
            }
        }

        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            var fixedPorts = endpoints.Where(e => e.Port is not null).Select(e => (e.Name, Port: e.Port!.Value));
            if (PortsTaken(project.Resource.Name, section.Key, fixedPorts) is { } message)
            {
                @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Iris.AppHost.Ports").LogError("{Message}", message);
            }
            return Task.CompletedTask;
        });
        return project;
    }

    /// <summary>What to tell the user about the ports that another program holds on loopback, or null when all are free.</summary>
    public static string? PortsTaken(string resource, string section, IEnumerable<(string Endpoint, int Port)> ports)
    {
        var taken = ports.Where(p => !IsFree(p.Port)).ToList();
        if (taken.Count == 0)
        {
            return null;
        }
        var which = string.Join(", ", taken.Select(p => $"{p.Port} ({p.Endpoint})"));
        var example = string.Join(" ", taken.Select(p => $"--{section}:Ports:{p.Endpoint}={p.Port + 10}"));
        return $"Port {which} of the {resource} is already in use by another program, so the {resource} cannot be reached there. " +
            $"Stop that program, or choose another port: dotnet run --project Iris.AppHost -- {example}";
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
