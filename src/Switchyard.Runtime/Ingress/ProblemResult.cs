using Microsoft.AspNetCore.Http;

namespace Switchyard.Runtime.Ingress;

/// <summary>A problem+json answer as an <see cref="IResult"/>, written by <see cref="ProblemWriter"/> like every other problem of the node.</summary>
internal sealed class ProblemResult : IResult, IStatusCodeHttpResult
{
    public ProblemResult(int status, string title, string? detail, IReadOnlyList<string>? errors = null)
    {
        StatusCode = status;
        Title = title;
        Detail = detail;
        Errors = errors;
    }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string Title { get; }

    public string? Detail { get; }

    public IReadOnlyList<string>? Errors { get; }

    public Task ExecuteAsync(HttpContext httpContext) => ProblemWriter.WriteAsync(httpContext, StatusCode, Title, Detail, Errors);
}
