using Microsoft.AspNetCore.Http;
using Switchyard.Protocol;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Inference;

/// <summary>Writes the protocol's answers: JSON bodies, <c>{"error": "message"}</c> for every failure (503 with <c>Retry-After</c>).</summary>
internal static class InferenceResults
{
    public static Task ErrorAsync(HttpContext context, int status, string message)
    {
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        return WriteAsync(context, status, ProtocolJson.ContentType, ProtocolJson.Error(message));
    }

    public static Task JsonAsync(HttpContext context, byte[] body) => WriteAsync(context, StatusCodes.Status200OK, ProtocolJson.ContentType, body);

    public static Task EmptyAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    /// <summary>A replica's answer to an infer call: the encoded response, or its failure as the protocol's error.</summary>
    public static Task ReplicaAsync(HttpContext context, ReplicaResponse response)
    {
        if (response.StatusCode >= 400)
        {
            return ErrorAsync(context, response.StatusCode, response.Detail ?? response.Title ?? ResultEncoder.TitleOf(response.StatusCode));
        }

        if (response.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }
        }

        return WriteAsync(context, response.StatusCode, response.ContentType ?? ProtocolJson.ContentType, response.Body);
    }

    private static Task WriteAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        var http = context.Response;
        http.StatusCode = status;
        http.ContentType = contentType;
        http.ContentLength = body.Length;
        return body.Length == 0 ? Task.CompletedTask : http.Body.WriteAsync(body).AsTask();
    }
}
