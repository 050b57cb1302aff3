namespace Switchyard.TestBackends;

/// <summary>Rejects empty bodies with 400 and throws on <c>boom</c>; otherwise answers by result type (<c>?as=bytes|null|json|text</c>).</summary>
public sealed class Thrower : IBackend
{
    public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken)
    {
        var text = request.ReadText();
        if (text.Length == 0)
        {
            throw new ServeException(400, "the body must not be empty");
        }

        if (text == "boom")
        {
            throw new InvalidOperationException("boom happened");
        }

        object? result = request.Query.GetValueOrDefault("as") switch
        {
            "bytes" => new byte[] { 1, 2, 3 },
            "null" => null,
            "json" => new { length = text.Length },
            "teapot" => ServeResponse.Text(418, "short and stout"),
            _ => text,
        };
        return ValueTask.FromResult(result);
    }
}
