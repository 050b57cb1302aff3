namespace Switchyard.Runtime.Control;

/// <summary>The wire shape of <see cref="Loops.SeriesView"/>: one point per second, NaN where there is no figure.</summary>
[GenerateSerializer, Immutable, Alias("switchyard.BackendSeries")]
internal sealed record BackendSeries(
    [property: Id(0)] double[] RequestsPerS,
    [property: Id(1)] double[] ErrorRate,
    [property: Id(2)] double[] P50Ms,
    [property: Id(3)] double[] P99Ms,
    [property: Id(4)] double[] BatchSize,
    [property: Id(5)] double[] Queued,
    [property: Id(6)] double[] Ongoing);
