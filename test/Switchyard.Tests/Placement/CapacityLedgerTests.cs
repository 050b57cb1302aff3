using Switchyard.Runtime.Placement;

namespace Switchyard.Tests.Placement;

public sealed class CapacityLedgerTests
{
    private static NodeResources Node(string id, double cpus, int gpus = 0, Dictionary<string, double>? custom = null) =>
        new(id, cpus, gpus, custom ?? []);

    [Fact]
    public void Capacities_NoReservations_AreTheDeclaredTotals()
    {
        var ledger = new CapacityLedger([Node("a", 4, gpus: 2, custom: new() { ["tpu"] = 3 })], []);
        var a = Assert.Single(ledger.Capacities());
        Assert.Equal(4, a.FreeCpus);
        Assert.Equal([1.0, 1.0], a.GpuFree);
        Assert.Equal(3, a.FreeCustom["tpu"]);
    }

    [Fact]
    public void Capacities_Reservations_SubtractCpusGpuSharesAndCustom()
    {
        var half = new BackendResources { NumCpus = 1.5, NumGpus = 0.5, Custom = new Dictionary<string, double> { ["tpu"] = 1 } };
        var whole = new BackendResources { NumGpus = 2 };
        var ledger = new CapacityLedger(
            [Node("a", 4, gpus: 3, custom: new() { ["tpu"] = 3 })],
            [new Reservation("a", half, [1]), new Reservation("a", half, [1]), new Reservation("a", whole, [0, 2])]);
        var a = Assert.Single(ledger.Capacities());
        Assert.Equal(1, a.FreeCpus);
        Assert.Equal([0.0, 0.0, 0.0], a.GpuFree);
        Assert.Equal(1, a.FreeCustom["tpu"]);
    }

    [Fact]
    public void Capacities_Overbooked_NeverBelowZeroCpusOrGpus()
    {
        var ledger = new CapacityLedger([Node("a", 1, gpus: 1)], [new Reservation("a", new BackendResources { NumCpus = 3, NumGpus = 1 }, [0]), new Reservation("a", new BackendResources { NumGpus = 1 }, [0])]);
        var a = Assert.Single(ledger.Capacities());
        Assert.Equal(0, a.FreeCpus);
        Assert.Equal([0.0], a.GpuFree);
    }

    [Fact]
    public void Reserve_NodeNotInTheLedger_HoldsNothingAnywhere()
    {
        // A replica placed on a node that is gone (or not alive) takes nothing from the nodes that are.
        var ledger = new CapacityLedger([Node("a", 2)], [new Reservation("gone", new BackendResources { NumCpus = 2 }, [])]);
        Assert.Equal(2, Assert.Single(ledger.Capacities()).FreeCpus);
    }

    [Fact]
    public void Reserve_GpuIdOutOfRange_Ignored()
    {
        var ledger = new CapacityLedger([Node("a", 2, gpus: 1)], [new Reservation("a", new BackendResources { NumGpus = 1 }, [3, -1])]);
        Assert.Equal([1.0], Assert.Single(ledger.Capacities()).GpuFree);
    }

    [Fact]
    public void Place_Fits_ReservesSoTheNextPlacementSeesIt()
    {
        var ledger = new CapacityLedger([Node("a", 2), Node("b", 1)], []);
        var need = new BackendResources { NumCpus = 1 };
        Assert.Equal("a", ledger.Place(need, _ => 0).NodeId);
        Assert.Equal("a", ledger.Place(need, _ => 0).NodeId);
        Assert.Equal("b", ledger.Place(need, _ => 0).NodeId);
        var full = ledger.Place(need, _ => 0);
        Assert.False(full.Placed);
        Assert.Equal("needs num_cpus=1, most free on any node is 0", full.Reason);
    }

    [Fact]
    public void Place_FractionalGpus_PackOnOneDeviceUntilFull()
    {
        var ledger = new CapacityLedger([Node("g", 8, gpus: 2)], []);
        var need = new BackendResources { NumGpus = 0.5 };
        var first = ledger.Place(need, _ => 0);
        var second = ledger.Place(need, _ => 0);
        var third = ledger.Place(need, _ => 0);
        Assert.Equal(first.GpuIds, second.GpuIds);
        Assert.NotEqual(first.GpuIds, third.GpuIds);
    }

    [Fact]
    public void Place_DoesNotFit_ReservesNothing()
    {
        var ledger = new CapacityLedger([Node("a", 1)], []);
        Assert.False(ledger.Place(new BackendResources { NumCpus = 2 }, _ => 0).Placed);
        Assert.Equal(1, Assert.Single(ledger.Capacities()).FreeCpus);
    }
}
