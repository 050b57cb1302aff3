using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Routing;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control.Commands;

public sealed class EndpointCommandsTests
{
    private static readonly DesiredState TwoBackends = DesiredState.Empty.WithBackend("v1", Echo()).WithBackend("v2", Echo());

    [Fact]
    public void Create_Defaults_GetOnlyAndAllTrafficToTheBackend()
    {
        var next = Accepted(EndpointCommands.Create(TwoBackends, "e", "v1", "/e", null));
        var endpoint = next.Endpoints["e"];
        Assert.Equal(["GET"], endpoint.Methods);
        Assert.Equal(1.0, endpoint.Traffic["v1"]);
        Assert.Equal(TrafficTable.Space, endpoint.Table.Shares()["v1"]);
        Assert.Empty(endpoint.Shadows);
    }

    [Fact]
    public void Create_Methods_UpperCasedOnce()
    {
        var next = Accepted(EndpointCommands.Create(TwoBackends, "e", "v1", null, ["post", "POST", "get"]));
        Assert.Equal(["POST", "GET"], next.Endpoints["e"].Methods);
    }

    [Fact]
    public void Create_InvalidNameRouteAndMethod_AllReported()
    {
        var transition = EndpointCommands.Create(TwoBackends, "", "v1", "no-slash", ["FETCH"]);
        Assert.Equal(400, transition.Outcome.Status);
        Assert.Equal(3, transition.Outcome.Errors.Count);
    }

    [Fact]
    public void Create_NameAndRouteTaken_BothConflictsReported()
    {
        var state = Accepted(EndpointCommands.Create(TwoBackends, "e", "v1", "/e", null));
        state = Accepted(EndpointCommands.Create(state, "f", "v1", "/f", null));

        var transition = EndpointCommands.Create(state, "e", "v2", "/f", null);

        Assert.Equal(409, transition.Outcome.Status);
        Assert.Equal(["endpoint 'e' already exists", "route '/f' is taken by endpoint 'f'"], transition.Outcome.Errors);
    }

    [Fact]
    public void Create_MissingBackend_NotFound()
    {
        var transition = EndpointCommands.Create(TwoBackends, "e", "ghost", "/e", null);
        Assert.Equal(404, transition.Outcome.Status);
        Assert.Equal(["backend 'ghost' does not exist"], transition.Outcome.Errors);
    }

    [Fact]
    public void SetTraffic_NewWeights_TableRebalancedNotRebuilt()
    {
        var state = Accepted(EndpointCommands.Create(TwoBackends, "e", "v1", "/e", null));
        var table = state.Endpoints["e"].Table;

        var next = Accepted(EndpointCommands.SetTraffic(state, "e", new Dictionary<string, double> { ["v1"] = 0.75, ["v2"] = 0.25 }));

        var endpoint = next.Endpoints["e"];
        Assert.Equal(0.25, endpoint.Traffic["v2"]);
        var expected = table.Rebalance(endpoint.Traffic);
        Assert.Equal(expected.Starts, endpoint.Table.Starts);
        Assert.Equal(expected.Owners, endpoint.Table.Owners);
        Assert.Same(table, state.Endpoints["e"].Table);
    }

    [Fact]
    public void SetTraffic_MissingBackends_EachNamed()
    {
        var state = Accepted(EndpointCommands.Create(TwoBackends, "e", "v1", "/e", null));
        var transition = EndpointCommands.SetTraffic(state, "e", new Dictionary<string, double> { ["x"] = 0.5, ["y"] = 0.5 });
        Assert.Equal(404, transition.Outcome.Status);
        Assert.Equal(["backend 'x' does not exist", "backend 'y' does not exist"], transition.Outcome.Errors);
    }

    [Fact]
    public void SetTraffic_WeightsNotSummingToOne_Invalid()
    {
        var state = Accepted(EndpointCommands.Create(TwoBackends, "e", "v1", "/e", null));
        var transition = EndpointCommands.SetTraffic(state, "e", new Dictionary<string, double> { ["v1"] = 0.5 });
        Assert.Equal(400, transition.Outcome.Status);
    }

    [Fact]
    public void SetShadow_ZeroProportion_RemovesTheShadow()
    {
        var state = Accepted(EndpointCommands.Create(TwoBackends, "e", "v1", "/e", null));
        state = Accepted(EndpointCommands.SetShadow(state, "e", "v2", 0.3));
        Assert.Equal(0.3, state.Endpoints["e"].Shadows["v2"]);

        var next = Accepted(EndpointCommands.SetShadow(state, "e", "v2", 0));

        Assert.Empty(next.Endpoints["e"].Shadows);
    }

    [Fact]
    public void SetShadow_OutOfRange_InvalidAndUnknownNamesNotFound()
    {
        var state = Accepted(EndpointCommands.Create(TwoBackends, "e", "v1", "/e", null));
        Assert.Equal(400, EndpointCommands.SetShadow(state, "e", "v2", 1.5).Outcome.Status);
        Assert.Equal(404, EndpointCommands.SetShadow(state, "ghost", "v2", 0.5).Outcome.Status);
        Assert.Equal(404, EndpointCommands.SetShadow(state, "e", "ghost", 0.5).Outcome.Status);
    }

    [Fact]
    public void Delete_Existing_RemovedAndMissingNotFound()
    {
        var state = Accepted(EndpointCommands.Create(TwoBackends, "e", "v1", "/e", null));
        Assert.Empty(Accepted(EndpointCommands.Delete(state, "e")).Endpoints);
        Assert.Equal(404, EndpointCommands.Delete(state, "ghost").Outcome.Status);
    }
}
