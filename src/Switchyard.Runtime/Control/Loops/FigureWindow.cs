namespace Switchyard.Runtime.Control.Loops;

/// <summary>Live figures per backend over one look-back window, aggregated over every node, as control loops read them.</summary>
/// <param name="Start">Where the window begins.</param>
/// <param name="End">Where it ends (the latest report).</param>
/// <param name="Backends">Figures by backend name; a backend with no traffic may be missing.</param>
internal sealed record FigureWindow(DateTimeOffset Start, DateTimeOffset End, IReadOnlyDictionary<string, BackendFigures> Backends)
{
    /// <summary>A window with no figures (what loops see until the nodes report any).</summary>
    public static FigureWindow Empty(DateTimeOffset now) => new(now, now, new Dictionary<string, BackendFigures>());
}
