using Switchyard.Runtime.Control;

namespace Switchyard.Tests.Control;

public sealed class NodeChangesTests
{
    [Fact]
    public void Diff_NodeAddedAndRemoved_EachNamed()
    {
        var before = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" };
        var now = new Dictionary<string, string> { ["a"] = "1", ["c"] = "3" };
        var (joined, left) = NodeChanges.Diff(before, now);
        Assert.Equal(["c"], joined);
        Assert.Equal(["b"], left);
    }

    [Fact]
    public void Diff_SameIdNewAddress_LeftAndJoined()
    {
        var (joined, left) = NodeChanges.Diff(new Dictionary<string, string> { ["a"] = "1" }, new Dictionary<string, string> { ["a"] = "9" });
        Assert.Equal(["a"], joined);
        Assert.Equal(["a"], left);
    }

    [Fact]
    public void Diff_NoChange_Nothing()
    {
        var same = new Dictionary<string, string> { ["a"] = "1" };
        var (joined, left) = NodeChanges.Diff(same, same);
        Assert.Empty(joined);
        Assert.Empty(left);
    }
}
