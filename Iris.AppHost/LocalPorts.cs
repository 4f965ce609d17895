using Aspire.Hosting.ApplicationModel;

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
}
