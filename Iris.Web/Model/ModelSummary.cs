namespace Iris.Web.Model;

/// <summary>The part of the predictor's model card (<c>GET /model</c>) that the page shows.</summary>
public sealed record ModelSummary(string Name, string Version, string Trainer, ModelEvaluation Evaluation);

public sealed record ModelEvaluation(int Folds, double MacroAccuracy, double LogLoss);
