namespace Switchyard.Runtime.Routing;

/// <summary>
/// The wire and stored shape of a <see cref="TrafficTable"/>: field for field what the table wrote when it carried
/// its own serializer, so endpoint state stored by earlier releases still reads.
/// </summary>
[GenerateSerializer, Alias("switchyard.TrafficTable")]
internal struct TrafficTableSurrogate
{
    [Id(0)] public uint[] Starts;
    [Id(1)] public string[] Owners;
}
