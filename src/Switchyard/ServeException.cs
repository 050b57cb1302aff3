namespace Switchyard;

/// <summary>
/// A failure with an HTTP status. Backends throw it with a 4xx status to reject bad input; handles throw it
/// with the status an HTTP caller would have seen.
/// </summary>
public sealed class ServeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ServeException(int statusCode, string message, string? title = null)
        : base(message)
    {
        StatusCode = statusCode;
        Title = title;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The problem title (for a backend exception: its type name), when known.</summary>
    public string? Title { get; }
}
