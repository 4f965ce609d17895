using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Iris.Predictor.Prediction;

/// <summary>
/// The validation attributes of a request, evaluated as the framework's validation evaluates them,
/// for endpoints that check the common case by hand first and need the attributes' messages only
/// when a rule is broken. Keys are the JSON fields a client sent (<c>instances[3].sepalLength</c>).
/// </summary>
public static class AttributeValidation
{
    public static Dictionary<string, string[]> Errors(object instance) => Collect(instance, "", []);

    /// <summary>Adds the broken rules of <paramref name="instance"/>, each key prefixed with <paramref name="prefix"/> (a JSON path).</summary>
    public static Dictionary<string, string[]> Collect(object instance, string prefix, Dictionary<string, string[]> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                var key = prefix + JsonNamingPolicy.CamelCase.ConvertName(member);
                errors[key] = [.. errors.GetValueOrDefault(key, []), result.ErrorMessage ?? ""];
            }
        }
        return errors;
    }
}
