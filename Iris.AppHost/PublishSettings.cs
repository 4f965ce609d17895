using Aspire.Hosting.ApplicationModel;

namespace Iris.AppHost;

public static class PublishSettings
{
    /// <summary>
    /// In the deployment manifest, a project serves plain http only: TLS ends at the cloud load
    /// balancer, and a second (https) port on every pod and Service would be unused.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithHttpOnlyWhenPublished(this IResourceBuilder<ProjectResource> project)
    {
        if (project.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            project.ApplicationBuilder.Eventing.Subscribe<BeforeStartEvent>((_, _) =>
            {
                foreach (var https in project.Resource.Annotations.OfType<EndpointAnnotation>().Where(e => e.UriScheme == "https").ToList())
                {
                    project.Resource.Annotations.Remove(https);
                }
                return Task.CompletedTask;
            });
        }
        return project;
    }
}
