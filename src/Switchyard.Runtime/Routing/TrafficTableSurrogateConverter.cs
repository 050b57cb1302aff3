namespace Switchyard.Runtime.Routing;

/// <summary>Converts a <see cref="TrafficTable"/> to and from its wire shape.</summary>
[RegisterConverter]
internal sealed class TrafficTableSurrogateConverter : IConverter<TrafficTable, TrafficTableSurrogate>
{
    public TrafficTable ConvertFromSurrogate(in TrafficTableSurrogate surrogate) => new(surrogate.Starts, surrogate.Owners);

    public TrafficTableSurrogate ConvertToSurrogate(in TrafficTable value) => new() { Starts = value.Starts, Owners = value.Owners };
}
