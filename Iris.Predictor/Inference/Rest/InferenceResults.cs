using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iris.Predictor.Inference.Rest;

/// <summary>
/// Every V2 answer is <c>application/json</c> exactly, without a charset: the KServe client reads an
/// error's message only under that content type (JSON is UTF-8 by definition, RFC 8259).
/// </summary>
public static class InferenceResults
{
    public const string JsonContentType = "application/json";

    public static JsonHttpResult<T> Json<T>(T value, JsonTypeInfo<T> typeInfo) =>
        TypedResults.Json(value, typeInfo, JsonContentType);

    /// <summary>The protocol's error body: <c>{"error":"…"}</c>.</summary>
    public static JsonHttpResult<InferenceError> Error(int status, string message) =>
        TypedResults.Json(new InferenceError(message), InferenceJsonContext.Api.InferenceError, JsonContentType, status);
}
