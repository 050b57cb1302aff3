namespace Switchyard;

/// <summary>A result that sets the HTTP status, headers and body itself.</summary>
public sealed class ServeResponse
{
    /// <summary>Creates a response.</summary>
    public ServeResponse(int statusCode, ReadOnlyMemory<byte> body, string? contentType = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        if (statusCode is < 100 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "An HTTP status code is between 100 and 599.");
        }

        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
        Headers = headers ?? new Dictionary<string, string>();
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The content type, or null for none.</summary>
    public string? ContentType { get; }

    /// <summary>Extra response headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>A text response.</summary>
    public static ServeResponse Text(int statusCode, string text) =>
        new(statusCode, System.Text.Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8");
}
