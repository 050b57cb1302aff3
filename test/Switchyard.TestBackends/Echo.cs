namespace Switchyard.TestBackends;

/// <summary>Answers with the request body as text, prefixed by its replica tag when asked (<c>?who=1</c>).</summary>
public sealed class Echo(ReplicaContext context) : IBackend
{
    public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken)
    {
        var text = request.ReadText();
        return ValueTask.FromResult<object?>(request.Query.ContainsKey("who") ? $"{context.ReplicaTag}:{text}" : text);
    }
}
