using Iris.Predictor.Loading;

namespace Iris.Predictor.Serving;

/// <summary>The <c>Model</c> configuration section.</summary>
public sealed class ModelOptions
{
    public const string SectionName = "Model";

    /// <summary>The model file, relative to the application's folder unless rooted; <c>model.json</c> sits beside it.</summary>
    public string Path { get; set; } = "TrainedModel/iris.zip";

    /// <summary>How often the model files are checked for a change (polling works on every volume, ConfigMaps included).</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(2);

    public ModelFiles Files => new(System.IO.Path.Combine(AppContext.BaseDirectory, Path));
}
