using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.Runtime.Control;
using Switchyard.Runtime.Ingress;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Admin;

/// <summary>The admin API's answers: JSON bodies and problems, every problem through the node's one <see cref="ProblemWriter"/>.</summary>
internal static class AdminResults
{
    /// <summary>Messages quote names ('like this'): the relaxed encoder keeps them readable.</summary>
    public static JsonSerializerOptions Json { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonHttpResult<T> Ok<T>(T value) => TypedResults.Json(value, Json);

    public static JsonHttpResult<T> Created<T>(T value) => TypedResults.Json(value, Json, statusCode: StatusCodes.Status201Created);

    /// <summary>A problem whose detail lists every error (unless the detail already is exactly that list).</summary>
    public static ProblemResult Problem(int status, string detail, IReadOnlyList<string>? errors = null)
    {
        var text = errors is { Count: > 0 } && detail != string.Join("; ", errors)
            ? $"{detail}: {string.Join("; ", errors)}"
            : detail;
        return new ProblemResult(status, ResultEncoder.TitleOf(status), text, errors);
    }

    /// <summary>The controller's rejection as a problem (call only when <see cref="ControlResult.Succeeded"/> is false).</summary>
    public static ProblemResult Rejected(ControlResult result, string? summary = null) =>
        Problem(result.Status, summary ?? result.Message, result.Errors);

    /// <summary>The controller's answer without a body: 204 for a delete, its problem otherwise.</summary>
    public static Results<NoContent, Ok, ProblemResult> Acknowledged(ControlResult result) => result.Status switch
    {
        204 => TypedResults.NoContent(),
        < 400 => TypedResults.Ok(),
        _ => Rejected(result),
    };
}
