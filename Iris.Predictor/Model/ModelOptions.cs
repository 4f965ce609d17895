using System.ComponentModel.DataAnnotations;

namespace Iris.Predictor.Model;

/// <summary>The <c>Model</c> configuration section.</summary>
public sealed class ModelOptions
{
    public const string SectionName = "Model";

    /// <summary>The model file, relative to the application's folder unless rooted; <c>model.json</c> sits beside it.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "TrainedModel/iris.zip";

    /// <summary>How often the model files are checked for a change (polling works on every volume, ConfigMaps included).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "1.00:00:00", ErrorMessage = "Model:ReloadInterval must be between 100 ms and one day.")]
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(2);

    public ModelFiles Files => new(System.IO.Path.Combine(AppContext.BaseDirectory, Path));
}
