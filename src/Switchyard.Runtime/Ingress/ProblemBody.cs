using System.Text.Json.Serialization;

namespace Switchyard.Runtime.Ingress;

/// <summary>The fields of a problem+json body; <c>errors</c> lists every problem of a rejected input.</summary>
internal sealed record ProblemBody(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail,
    [property: JsonPropertyName("errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Errors);
