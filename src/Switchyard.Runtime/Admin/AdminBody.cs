using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Switchyard.Runtime.Ingress;
using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Admin;

/// <summary>
/// The one place admin bodies are read: within <see cref="AdminOptions.MaxBodyBytes"/> (413 beyond), as strict UTF-8,
/// parsed within <see cref="ParseLimits"/>; every refusal a 400 that names the problem. The media type is not
/// checked (curl and scripts send all sorts); browsers are kept out by <see cref="AdminGuard"/>, not by it.
/// </summary>
internal sealed class AdminBody(IOptions<AdminOptions> options)
{
    private readonly long _limit = options.Value.MaxBodyBytes;

    /// <summary>A JSON body (backend and endpoint calls): duplicate keys and deep nesting refused.</summary>
    public async Task<ParsedBody> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (bytes, problem) = await ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return new ParsedBody(default, problem);
        }

        try
        {
            return new ParsedBody(YamlJson.ParseJson(bytes), null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return new ParsedBody(default, AdminResults.Problem(400, $"the body is not valid JSON: {ex.Message}"));
        }
    }

    /// <summary>A deployment: YAML or JSON, aliases expanded within bounds.</summary>
    public async Task<ParsedBody> ReadDocumentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (bytes, problem) = await ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return new ParsedBody(default, problem);
        }

        try
        {
            return new ParsedBody(YamlJson.Parse(bytes.Span), null);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return new ParsedBody(default, AdminResults.Problem(400, $"the deployment is neither valid YAML nor JSON: {ex.Message}"));
        }
    }

    private async Task<(ReadOnlyMemory<byte> Bytes, ProblemResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.Charset is { Length: > 0 } charset
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            return (default, AdminResults.Problem(400, $"the body's charset '{Shorten(charset.ToString())}' is not supported: send UTF-8"));
        }

        // Not held to the ingress's budget: callers flooding the HTTP port must not lock the operator out.
        var bytes = (await BodyReader.ReadAsync(request, _limit, budget: null, cancellationToken)).Bytes;
        return bytes is null
            ? (default, AdminResults.Problem(413, $"the body exceeds the admin API's limit of {_limit} bytes"))
            : (bytes, null);
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
