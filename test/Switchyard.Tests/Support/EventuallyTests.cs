using Xunit.Sdk;

namespace Switchyard.Tests.Support;

public sealed class EventuallyTests
{
    [Fact]
    public async Task TrueAsync_NeverHolds_FailsNamingWhatAndHowLong()
    {
        var failure = await Assert.ThrowsAsync<FailException>(() => Eventually.TrueAsync(() => false, "the moon to rise", seconds: 1));

        Assert.Contains("waiting for: the moon to rise", failure.Message, StringComparison.Ordinal);
        Assert.Contains("(limit 1 s)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValueAsync_NeverHolds_FailureShowsTheLastReading()
    {
        var reads = 0;
        var failure = await Assert.ThrowsAsync<FailException>(() => Eventually.ValueAsync(
            _ => Task.FromResult(++reads), _ => false, "a count", seconds: 1, describe: n => $"count {n}"));

        Assert.Contains($"last seen: count {reads}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValueAsync_HoldsOnTheThirdReading_ReturnsThatReading()
    {
        var reads = 0;

        var value = await Eventually.ValueAsync(_ => Task.FromResult(++reads), n => n == 3, "the third reading", every: TimeSpan.FromMilliseconds(1));

        Assert.Equal(3, value);
    }

    [Fact]
    public async Task ValueAsync_ProbeOutlivesTheDeadline_ProbeCancelledAndTheWaitFails()
    {
        var failure = await Assert.ThrowsAsync<FailException>(() => Eventually.ValueAsync(
            async ct =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return true;
            },
            static held => held,
            "a probe that never answers",
            seconds: 1));

        Assert.Contains("a probe that never answers", failure.Message, StringComparison.Ordinal);
    }
}
