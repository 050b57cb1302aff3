using Switchyard.Runtime.Placement;


namespace Switchyard.Tests.Placement;

public sealed class PlacementPlannerTests
{
    private static NodeCapacity Node(string id, double cpus, int gpus = 0, Dictionary<string, double>? custom = null) =>
        new(id, cpus, Enumerable.Repeat(1.0, gpus).ToArray(), custom ?? []);

    [Fact]
    public void Place_NoResourcesAsked_SpreadsOverNodes()
    {
        var counts = new Dictionary<string, int> { ["a"] = 1, ["b"] = 0 };
        var decision = PlacementPlanner.Place(new BackendResources(), [Node("a", 4), Node("b", 4)], n => counts[n]);
        Assert.Equal("b", decision.NodeId);
    }

    [Fact]
    public void Place_OnlyOneNodeHasGpu_PacksThere()
    {
        var decision = PlacementPlanner.Place(new BackendResources { NumGpus = 1 }, [Node("a", 8), Node("b", 8, gpus: 2)], _ => 0);
        Assert.Equal("b", decision.NodeId);
        Assert.Single(decision.GpuIds);
    }

    [Fact]
    public void Place_WholeGpus_TakesDistinctFreeDevices()
    {
        var node = new NodeCapacity("a", 8, [1.0, 0.5, 1.0, 1.0], new Dictionary<string, double>());
        var decision = PlacementPlanner.Place(new BackendResources { NumGpus = 2 }, [node], _ => 0);
        Assert.Equal([0, 2], decision.GpuIds);
    }

    [Fact]
    public void Place_HalfGpu_SharesThePartlyUsedDevice()
    {
        var node = new NodeCapacity("a", 8, [1.0, 0.5], new Dictionary<string, double>());
        var decision = PlacementPlanner.Place(new BackendResources { NumGpus = 0.5 }, [node], _ => 0);
        Assert.Equal([1], decision.GpuIds);
    }

    [Fact]
    public void Place_NoGpuFree_PendingNamesWhatIsMissing()
    {
        var decision = PlacementPlanner.Place(new BackendResources { NumGpus = 1 }, [Node("a", 8)], _ => 0);
        Assert.False(decision.Placed);
        Assert.Equal("needs num_gpus=1, most free on any node is 0 (whole GPUs)", decision.Reason);
    }

    [Fact]
    public void Place_CustomResource_OnlyOnNodeThatHasIt()
    {
        var need = new BackendResources { Custom = new Dictionary<string, double> { ["accelerator_a"] = 1 } };
        var decision = PlacementPlanner.Place(need, [Node("a", 8), Node("b", 1, custom: new() { ["accelerator_a"] = 2 })], _ => 0);
        Assert.Equal("b", decision.NodeId);
        var none = PlacementPlanner.Place(need with { Custom = new Dictionary<string, double> { ["accelerator_a"] = 3 } }, [Node("b", 1, custom: new() { ["accelerator_a"] = 2 })], _ => 0);
        Assert.Equal("needs accelerator_a=3, most free on any node is 2", none.Reason);
    }

    [Fact]
    public void Place_CpusShort_Pending()
    {
        var decision = PlacementPlanner.Place(new BackendResources { NumCpus = 3 }, [Node("a", 2), Node("b", 1)], _ => 0);
        Assert.Equal("needs num_cpus=3, most free on any node is 2", decision.Reason);
    }

    [Fact]
    public void Place_NoNodes_Pending()
    {
        Assert.Equal("no node is alive", PlacementPlanner.Place(new BackendResources(), [], _ => 0).Reason);
    }
}
