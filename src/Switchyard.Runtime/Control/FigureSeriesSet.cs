namespace Switchyard.Runtime.Control;

/// <summary>The last minutes of every backend's figures (the body of <c>GET /api/figures</c>), all ending at the same second.</summary>
/// <param name="EndSecond">The last second of every series, in Unix seconds.</param>
/// <param name="Points">How many one-second points each series has.</param>
/// <param name="Backends">The series by backend; a backend no node has reported for yet is absent.</param>
[GenerateSerializer, Immutable, Alias("switchyard.FigureSeriesSet")]
internal sealed record FigureSeriesSet(
    [property: Id(0)] long EndSecond,
    [property: Id(1)] int Points,
    [property: Id(2)] Dictionary<string, BackendSeries> Backends);
