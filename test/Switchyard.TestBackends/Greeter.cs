namespace Switchyard.TestBackends;

/// <summary>Binds init args to its constructor: <c>greeting</c> (required) and <c>times</c> (optional).</summary>
public sealed class Greeter(string greeting, int times = 1) : IBackend
{
    public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<object?>(new GreetingResult(string.Concat(Enumerable.Repeat(greeting, times)) + " " + request.ReadText()));
}
