using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Switchyard.Runtime.Control.Stored;
using Switchyard.Runtime.Routing;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Routing;

/// <summary>
/// The traffic table is a pure type whose wire shape lives beside it. The hex strings are what the release before
/// the surrogate wrote (the table carried [GenerateSerializer] then): stored endpoint state must still read.
/// </summary>
public sealed class TrafficTableSurrogateTests
{
    private const string StoredTable = "202000070101600000004060000000C0E02100074105763140057632C013E0E0";

    private const string StoredState =
        "20203001312CD42E1D537472696E67436F6D706172657200030101E0E021380300030101E0010341076170692040092F6170692100034107474554E02101054105763180000000000000E03F4005763280000000000000E03FE0212000070101600000004060000000C0E0210007C127C02BC027E0E021380300030101E0E0E0E0011DE0";

    private const string StoredRoutingTable =
        "20000D21000321400761706941092F6170692100034107474554E0212000070101600000004060000000C0E02100074105763140057632C027E0E021E0E0E021E0E0";

    private static TrafficTable Table() => new([0u, 1073741824u, 3221225472u], ["v1", "v2", "v1"]);

    private static Serializer Serializer => NodeSerializer.Instance;

    [Fact]
    public void Serialize_Table_SameBytesAsBeforeTheSurrogate() =>
        Assert.Equal(StoredTable, Convert.ToHexString(Serializer.SerializeToArray(Table())));

    [Fact]
    public void Deserialize_StoredControllerState_TableBack()
    {
        var state = Serializer.Deserialize<ControllerState>(Convert.FromHexString(StoredState))!;
        var table = state.Endpoints["api"].Table;
        Assert.Equal(Table().Starts, table.Starts);
        Assert.Equal(Table().Owners, table.Owners);
        Assert.Equal(7, state.NextReplicaId);
    }

    [Fact]
    public void Deserialize_PublishedRoutingTable_TableBack()
    {
        var routing = Serializer.Deserialize<RoutingTable>(Convert.FromHexString(StoredRoutingTable))!;
        Assert.Equal("v2", routing.Endpoints[0].Traffic.Lookup(1073741824u));

        // The routing table has gained fields since (autoscaling target, rollout step, report interval), so its own
        // bytes differ now; the table inside it still goes and comes back as it was.
        var again = Serializer.Deserialize<RoutingTable>(Serializer.SerializeToArray(routing))!;
        Assert.Equal(routing.Endpoints[0].Traffic.Starts, again.Endpoints[0].Traffic.Starts);
        Assert.Equal(routing.Endpoints[0].Traffic.Owners, again.Endpoints[0].Traffic.Owners);
        Assert.Null(again.Endpoints[0].RolloutStep);
        Assert.Equal(TimeSpan.FromSeconds(1), again.FigureInterval);
    }

    [Fact]
    public void DeepCopy_Table_PassedWithoutACopy()
    {
        var table = Table();
        Assert.Same(table, NodeSerializer.Provider.GetRequiredService<DeepCopier<TrafficTable>>().Copy(table));
    }
}
