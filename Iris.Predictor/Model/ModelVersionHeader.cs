namespace Iris.Predictor.Model;

/// <summary>
/// Every answer names the version of the model this process serves. The gateway reads it from its
/// health probes to send a request that names a version to a pod that serves it; an operator sees
/// which version answered with <c>curl -i</c>.
/// </summary>
public static class ModelVersionHeader
{
    public const string Name = "Model-Version";

    public static IApplicationBuilder UseModelVersionHeader(this IApplicationBuilder app)
    {
        var models = app.ApplicationServices.GetRequiredService<ModelStore>();
        return app.Use((context, next) =>
        {
            context.Response.Headers[Name] = models.Current.Version;
            return next(context);
        });
    }
}
