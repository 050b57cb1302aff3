namespace Switchyard.Runtime.Control;

/// <summary>What one node's routers and replicas saw over one report interval, sent to the controller in the background.</summary>
[GenerateSerializer, Immutable, Alias("switchyard.FigureReport")]
internal sealed class FigureReport
{
    [Id(0)] public required string NodeId { get; init; }

    /// <summary>How long the interval was, in seconds.</summary>
    [Id(1)] public double IntervalS { get; init; }

    [Id(2)] public required BackendFigureReport[] Backends { get; init; }
}
