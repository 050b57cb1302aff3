using Switchyard.Runtime.Control.Model;

namespace Switchyard.Tests.Control.Model;

public sealed class RecentCallsTests
{
    [Fact]
    public void Find_AddedKey_ItsOutcome()
    {
        var deploy = new DeployResult { Created = ["a"] };
        var calls = RecentCalls.Empty.Add("k1", Outcome.Created).Add("k2", new Outcome(200, [], deploy));

        Assert.Equal(201, calls.Find("k1")!.Status);
        Assert.Same(deploy, calls.Find("k2")!.Deploy);
        Assert.Null(calls.Find("k3"));
        Assert.Null(RecentCalls.Empty.Find("k1"));
    }

    [Fact]
    public void Add_BeyondCapacity_ForgetsTheOldestOnly()
    {
        var calls = RecentCalls.Empty;
        for (var i = 0; i <= RecentCalls.Capacity; i++)
        {
            calls = calls.Add($"k{i}", Outcome.Ok);
        }

        Assert.Equal(RecentCalls.Capacity, calls.Count);
        Assert.Null(calls.Find("k0"));
        Assert.NotNull(calls.Find("k1"));
        Assert.NotNull(calls.Find($"k{RecentCalls.Capacity}"));
    }

    [Fact]
    public void Add_ToAState_LeavesTheOriginalAsItWas()
    {
        var before = RecentCalls.Empty.Add("k1", Outcome.Ok);
        _ = before.Add("k2", Outcome.Ok);
        Assert.Null(before.Find("k2"));
        Assert.Equal(1, before.Count);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    public void IsUsableKey_ByLength(string? key, bool expected)
    {
        Assert.Equal(expected, RecentCalls.IsUsableKey(key));
        Assert.False(RecentCalls.IsUsableKey(new string('k', RecentCalls.MaxKeyLength + 1)));
    }
}
