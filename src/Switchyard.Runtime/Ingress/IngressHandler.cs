using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Ingress;

/// <summary>The HTTP ingress: matches a route, checks the method, reads the body within the limit, and hands the request to the router.</summary>
internal sealed class IngressHandler
{
    public const string ShardKeyHeader = "X-SERVE-SHARD-KEY";

    private readonly Router _router;
    private readonly BodyBudget _budget;
    private readonly long _maxBodyBytes;

    public IngressHandler(Router router, BodyBudget budget, IOptions<IngressOptions> options)
    {
        _router = router;
        _budget = budget;
        _maxBodyBytes = options.Value.MaxRequestBodyBytes;
    }

    /// <summary>W3C Trace Context's response header: the traced request's trace id and server span, for the caller.</summary>
    public const string TraceResponseHeader = "traceresponse";

    /// <summary>Tells a traced caller its trace: called for every request on the HTTP port, routes and /v2 alike.</summary>
    public static void AddTraceResponse(HttpContext context)
    {
        if (Activity.Current is { Recorded: true } activity)
        {
            context.Response.Headers[TraceResponseHeader] = activity.Id;
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/-/", StringComparison.Ordinal))
        {
            await HandleInternalAsync(context, path);
            return;
        }

        var endpoint = _router.Snapshot.Match(path);
        if (endpoint is null)
        {
            await ProblemWriter.WriteAsync(context, 404, "Not Found", $"No endpoint has a route matching '{path}'.");
            return;
        }

        var method = context.Request.Method;
        if (!endpoint.Allows(method))
        {
            context.Response.Headers.Allow = endpoint.Allow;
            await ProblemWriter.WriteAsync(context, 405, "Method Not Allowed", $"Endpoint '{endpoint.Name}' allows {endpoint.Allow}, not {method}.");
            return;
        }

        var read = await RequestBody.ReadAsync(context, _maxBodyBytes, _budget);
        if (read.Bytes is not { } body)
        {
            await WriteRefusedAsync(context, read.Outcome, _maxBodyBytes, _budget);
            return;
        }

        try
        {
            var headers = context.Request.Headers;
            var pairs = RequestBody.Headers(headers);
            var shardKey = headers.TryGetValue(ShardKeyHeader, out var key) && key.Count > 0 ? key.ToString() : null;
            var request = new ReplicaRequest
            {
                Method = method,
                Path = path,
                QueryString = context.Request.QueryString.HasValue ? context.Request.QueryString.Value : null,
                Headers = pairs,
                Body = body,
                ShardKey = shardKey,
                Endpoint = endpoint.Name,
            };

            var response = await _router.InvokeAsync(endpoint, request, context.RequestAborted);
            await WriteAsync(context, response);
        }
        finally
        {
            _budget.Return(read.Held);
        }
    }

    /// <summary>A body that was not read: too large for one request (413), or for what the node holds now (503, <c>Retry-After</c>).</summary>
    public static Task WriteRefusedAsync(HttpContext context, BodyOutcome outcome, long maxBodyBytes, BodyBudget budget) =>
        outcome == BodyOutcome.OverBudget
            ? ProblemWriter.WriteAsync(context, 503, "Service Unavailable", RefusedDetail(outcome, maxBodyBytes, budget))
            : ProblemWriter.WriteAsync(context, 413, "Payload Too Large", RefusedDetail(outcome, maxBodyBytes, budget));

    /// <summary>What a refused body's answer says, on routes and /v2 alike.</summary>
    public static string RefusedDetail(BodyOutcome outcome, long maxBodyBytes, BodyBudget budget) =>
        outcome == BodyOutcome.OverBudget
            ? $"The node holds its limit of {budget.Limit} bytes of request bodies; retry shortly."
            : $"The request body exceeds the limit of {maxBodyBytes} bytes.";

    private static Task WriteAsync(HttpContext context, ReplicaResponse response)
    {
        if (response.Title is { } title)
        {
            return ProblemWriter.WriteAsync(context, response.StatusCode, title, response.Detail);
        }

        var http = context.Response;
        http.StatusCode = response.StatusCode;
        if (response.ContentType is { } contentType)
        {
            http.ContentType = contentType;
        }

        if (response.Headers is { } extra)
        {
            foreach (var (name, value) in extra)
            {
                http.Headers[name] = value;
            }
        }

        if (response.Text is { } text)
        {
            // Encoded straight into Kestrel's buffers: no array for the answer.
            http.ContentLength = Encoding.UTF8.GetByteCount(text);
            return text.Length == 0 ? Task.CompletedTask : http.WriteAsync(text, Encoding.UTF8, context.RequestAborted);
        }

        var body = response.Body;
        http.ContentLength = body.Length;
        return body.Length == 0 ? Task.CompletedTask : http.Body.WriteAsync(body).AsTask();
    }

    private async Task HandleInternalAsync(HttpContext context, string path)
    {
        switch (path)
        {
            case "/-/routes":
                var routes = _router.Snapshot.Routed
                    .OrderBy(e => e.Route, StringComparer.Ordinal)
                    .ToDictionary(e => e.Route!, e => new object[] { e.Name, e.Methods });
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync(JsonSerializer.Serialize(routes));
                return;
            default:
                await ProblemWriter.WriteAsync(context, 404, "Not Found", $"'{path}' is not a Switchyard route (try /-/routes, /-/healthz or /-/livez).");
                return;
        }
    }
}
