namespace Switchyard.TestBackends;

/// <summary>A batch backend that checks its own spec: batches above <c>4</c> are refused, and <c>{"explode": true}</c> makes the check throw.</summary>
public sealed class BatchCapped(bool explode = false) : IBatchBackend, ISpecValidator
{
    public bool Explode => explode;

    public static IEnumerable<SpecProblem> ValidateSpec(BackendSpec spec)
    {
        if (spec.InitArgs is { ValueKind: System.Text.Json.JsonValueKind.Object } args && args.TryGetProperty("explode", out var explodeArg) && explodeArg.GetBoolean())
        {
            throw new InvalidOperationException("the check itself failed");
        }

        if (spec.Config.MaxBatchSize > 4)
        {
            yield return new SpecProblem("config.max_batch_size", $"is {spec.Config.MaxBatchSize}; BatchCapped takes at most 4");
        }
    }

    public ValueTask<IReadOnlyList<object?>> CallBatchAsync(IReadOnlyList<ServeRequest> requests, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<object?>>([.. requests.Select(_ => (object?)requests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
}
