namespace Switchyard.Runtime.Control;

/// <summary>An amount of each resource kind (<c>num_cpus</c>, <c>num_gpus</c>, <c>custom</c>).</summary>
[GenerateSerializer, Immutable, Alias("switchyard.ResourceAmounts")]
internal sealed record ResourceAmounts(
    [property: Id(0)] double NumCpus,
    [property: Id(1)] double NumGpus,
    [property: Id(2)] Dictionary<string, double> Custom);
