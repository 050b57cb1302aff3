using Microsoft.Extensions.Time.Testing;
using Switchyard.Runtime.Control.Loops;

namespace Switchyard.Tests.Control.Loops;

public sealed class ActingFenceTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void NeedsRefresh_NeverConfirmed_True()
    {
        Assert.True(new ActingFence(_time).NeedsRefresh);
    }

    [Fact]
    public void NeedsRefresh_ConfirmedAtTheLastTick_False()
    {
        var fence = new ActingFence(_time);
        fence.Confirm();
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(fence.NeedsRefresh);
    }

    [Fact]
    public void NeedsRefresh_GapLongerThanMaxGap_True()
    {
        var fence = new ActingFence(_time);
        fence.Confirm();
        _time.Advance(ActingFence.MaxGap + TimeSpan.FromMilliseconds(1));
        Assert.True(fence.NeedsRefresh);
        fence.Confirm();
        Assert.False(fence.NeedsRefresh);
    }
}
