using Iris.Predictor.Model;


namespace Iris.Predictor.Inference;

/// <summary>Finds the model a request names: 404 over REST, NOT_FOUND over gRPC, with the same message.</summary>
public static class ModelLookup
{
    /// <summary>The current model when <paramref name="name"/> and <paramref name="version"/> (empty or null: any) name it; else the reason it does not.</summary>
    public static IrisModel? Find(ModelStore models, string name, string? version, out string? notFound)
    {
        var model = models.Current;
        notFound = name != IrisModel.Name
            ? $"Unknown model '{name}'; this server serves '{IrisModel.Name}'."
            : !string.IsNullOrEmpty(version) && version != model.Version
                ? $"Model '{IrisModel.Name}' has no version '{version}'; the served version is '{model.Version}'."
                : null;
        return notFound is null ? model : null;
    }
}
