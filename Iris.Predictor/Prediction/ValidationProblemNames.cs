namespace Iris.Predictor.Prediction;

/// <summary>
/// Validation errors come keyed by C# property paths ("Instances[3].SepalLength"); the API speaks
/// camelCase JSON, so the keys are rewritten to the fields a client sent ("instances[3].sepalLength").
/// </summary>
public static class ValidationProblemNames
{
    public static void UseJsonFieldNames(ProblemDetailsContext context)
    {
        if (context.ProblemDetails is not HttpValidationProblemDetails validation || validation.Errors.Count == 0)
        {
            return;
        }

        var renamed = validation.Errors.ToDictionary(pair => ToJsonPath(pair.Key), pair => pair.Value);
        validation.Errors.Clear();
        foreach (var (key, value) in renamed)
        {
            validation.Errors[key] = value;
        }
    }

    public static string ToJsonPath(string key) =>
        string.Join('.', key.Split('.').Select(segment =>
            segment.Length > 0 && char.IsUpper(segment[0]) ? char.ToLowerInvariant(segment[0]) + segment[1..] : segment));
}
