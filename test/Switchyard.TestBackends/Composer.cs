namespace Switchyard.TestBackends;

/// <summary>Composition: calls the endpoint named in init args through a handle and wraps its answer.</summary>
public sealed class Composer(IServeClient serve, string downstream) : IBackend
{
    public async ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken)
    {
        var inner = await serve.GetHandle(downstream).Options(request.ShardKey).CallAsync<string>(request.ReadText(), cancellationToken);
        return $"composed({inner})";
    }
}
