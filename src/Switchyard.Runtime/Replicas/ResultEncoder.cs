using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Switchyard.Runtime.Replicas;

/// <summary>Turns what a backend returned or threw into the HTTP shape (CONTRACT section 7).</summary>
internal static class ResultEncoder
{
    private const string TextPlain = "text/plain; charset=utf-8";
    private const string OctetStream = "application/octet-stream";
    private const string Json = "application/json; charset=utf-8";

    private static readonly ReplicaResponse Empty = new() { StatusCode = 200 };

    /// <summary>Encodes a backend's result for <paramref name="request"/>: protocol calls and tensor results get the inference encoding.</summary>
    public static ReplicaResponse Encode(object? result, ServeRequest request) =>
        request.Inference is not null || result is InferenceResponse ? InferenceCalls.Encode(result, request) : Encode(result);

    public static ReplicaResponse Encode(object? result)
    {
        try
        {
            return result switch
            {
                null => Empty,
                string s => new ReplicaResponse { StatusCode = 200, ContentType = TextPlain, Text = s },
                byte[] b => new ReplicaResponse { StatusCode = 200, ContentType = OctetStream, Bytes = b },
                ReadOnlyMemory<byte> m => new ReplicaResponse { StatusCode = 200, ContentType = OctetStream, Bytes = m.ToArray() },
                Memory<byte> m => new ReplicaResponse { StatusCode = 200, ContentType = OctetStream, Bytes = m.ToArray() },
                ServeResponse r => new ReplicaResponse
                {
                    StatusCode = r.StatusCode,
                    ContentType = r.ContentType,
                    Bytes = r.Body.ToArray(),
                    Headers = r.Headers.Count == 0 ? null : [.. r.Headers],
                },
                _ => new ReplicaResponse { StatusCode = 200, ContentType = Json, Bytes = JsonSerializer.SerializeToUtf8Bytes(result, result.GetType(), ServeJson.Options) },
            };
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return ReplicaResponse.Problem(500, ex.GetType().Name, $"The backend's result of type {result!.GetType().Name} could not be written as JSON: {ex.Message}");
        }
    }

    public static ReplicaResponse Failure(Exception exception) => exception switch
    {
        ServeException serve => ReplicaResponse.Problem(serve.StatusCode, serve.Title ?? TitleOf(serve.StatusCode), serve.Message),
        _ => ReplicaResponse.Problem(500, exception.GetType().Name, exception.Message),
    };

    /// <summary>The standard reason phrase of <paramref name="status"/> (ASP.NET's ReasonPhrases), or "Error" for a status that has none.</summary>
    public static string TitleOf(int status) => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
