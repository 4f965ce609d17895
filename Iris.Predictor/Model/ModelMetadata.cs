namespace Iris.Predictor.Model;

/// <summary>
/// What training knows about a model: written as <c>model.json</c> beside the model file,
/// loaded with it and served by <c>GET /model</c>.
/// </summary>
public sealed record ModelMetadata(
    string Name,
    string Version,
    string Trainer,
    TrainerParameters HyperParameters,
    IReadOnlyList<FeatureInfo> Features,
    IReadOnlyList<string> Classes,
    ModelEvaluation Evaluation,
    TrainingDataInfo TrainingData)
;

/// <summary>The trainer's settings, all explicit so that a retrain uses exactly these.</summary>
public sealed record TrainerParameters(
    string Normalization,
    float L2Regularization,
    float L1Regularization,
    int MaximumNumberOfIterations,
    int NumberOfThreads,
    int Seed);

/// <summary>One input feature: its API name, unit and the range seen in training.</summary>
public sealed record FeatureInfo(string Name, string Unit, float TrainingMin, float TrainingMax);

/// <summary>Cross-validated quality; the confusion matrix has a row per actual class and a column per predicted class, in <see cref="ModelMetadata.Classes"/> order.</summary>
public sealed record ModelEvaluation(
    int Folds,
    double MacroAccuracy,
    double MicroAccuracy,
    double LogLoss,
    IReadOnlyList<IReadOnlyList<long>> ConfusionMatrix);

public sealed record TrainingDataInfo(string File, int Rows, string Sha256);
