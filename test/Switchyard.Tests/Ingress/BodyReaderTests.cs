using Microsoft.AspNetCore.Http;
using Switchyard.Runtime.Ingress;

namespace Switchyard.Tests.Ingress;

public sealed class BodyReaderTests
{
    private const long Limit = 1024 * 1024;

    [Fact]
    public async Task ReadAsync_DeclaredSmallBody_HoldsItsLengthForTheCaller()
    {
        var budget = new BodyBudget(Limit);
        var sent = Bytes(100);

        var read = await BodyReader.ReadAsync(Request(sent, declared: true), Limit, budget, CancellationToken.None);

        Assert.Equal(BodyOutcome.Read, read.Outcome);
        Assert.Equal(sent, read.Bytes);
        Assert.Equal(100, read.Held);
        Assert.Equal(100, budget.Held);
        budget.Return(read.Held);
        Assert.Equal(0, budget.Held);
    }

    [Theory]
    [InlineData(20_000, false)]
    [InlineData(20_000, true)]
    [InlineData(200_000, false)]
    [InlineData(200_000, true)]
    [InlineData(1_500_000, false)]
    [InlineData(1_500_000, true)]  // past the pooled sizes: the last buffer is exactly the declared length
    [InlineData(3_000_000, false)]
    [InlineData(3_000_000, true)]
    public async Task ReadAsync_LargeBody_HoldsOnlyItsLengthOnceRead(int size, bool declared)
    {
        var budget = new BodyBudget(8 * Limit); // room for a buffer and the one it grows into
        var sent = Bytes(size);

        var read = await BodyReader.ReadAsync(Request(sent, declared, chunk: 70_000), 4 * Limit, budget, CancellationToken.None);

        Assert.Equal(sent, read.Bytes);
        Assert.Equal(size, read.Held);
        Assert.Equal(size, budget.Held); // the buffers it grew through went back
        budget.Return(read.Held);
        Assert.Equal(0, budget.Held);
    }

    [Theory]
    [InlineData(1_500_000, 1_000_000)]  // refused while growing through the pooled sizes
    [InlineData(3_000_000, 2_500_000)]  // refused while growing past them
    public async Task ReadAsync_GrowingPastTheBudget_RefusedWithNothingHeld(int size, long room)
    {
        var budget = new BodyBudget(room);

        var read = await BodyReader.ReadAsync(Request(Bytes(size), declared: true, chunk: 70_000), 4 * Limit, budget, CancellationToken.None);

        Assert.Equal(BodyOutcome.OverBudget, read.Outcome);
        Assert.Equal(0, budget.Held);
    }

    [Fact]
    public async Task ReadAsync_BodyPastTheBudget_RefusedWithNothingHeld()
    {
        var budget = new BodyBudget(64 * 1024);

        var read = await BodyReader.ReadAsync(Request(Bytes(200_000), declared: false), Limit, budget, CancellationToken.None);

        Assert.Equal(BodyOutcome.OverBudget, read.Outcome);
        Assert.Null(read.Bytes);
        Assert.Equal(0, read.Held);
        Assert.Equal(0, budget.Held);
    }

    [Fact]
    public async Task ReadAsync_BudgetHeldByOtherBodies_SmallBodyRefusedAndTheirsKept()
    {
        var budget = new BodyBudget(1000);
        Assert.True(budget.TryTake(950));

        var read = await BodyReader.ReadAsync(Request(Bytes(100), declared: true), Limit, budget, CancellationToken.None);

        Assert.Equal(BodyOutcome.OverBudget, read.Outcome);
        Assert.Equal(950, budget.Held);
    }

    [Fact]
    public async Task ReadAsync_OverTheBodyLimit_TooLargeWithNothingHeld()
    {
        var budget = new BodyBudget(Limit);

        var read = await BodyReader.ReadAsync(Request(Bytes(100_000), declared: false), limit: 50_000, budget, CancellationToken.None);

        Assert.Equal(BodyOutcome.TooLarge, read.Outcome);
        Assert.Equal(0, budget.Held);
    }

    [Theory]
    [InlineData(100, 50)]
    [InlineData(200_000, 100_000)]
    public async Task ReadAsync_SenderGoneMidBody_ThrowsWithNothingHeld(int declared, int sent)
    {
        var budget = new BodyBudget(Limit);
        var context = new DefaultHttpContext();
        context.Request.ContentLength = declared;
        context.Request.Body = new FailingStream(Bytes(sent));

        await Assert.ThrowsAnyAsync<IOException>(async () => await BodyReader.ReadAsync(context.Request, Limit, budget, CancellationToken.None));

        Assert.Equal(0, budget.Held);
    }

    [Fact]
    public async Task ReadAsync_NoBudget_ReadsAndHoldsNothing()
    {
        var sent = Bytes(50_000);

        var read = await BodyReader.ReadAsync(Request(sent, declared: false), Limit, budget: null, CancellationToken.None);

        Assert.Equal(sent, read.Bytes);
        Assert.Equal(0, read.Held);
    }

    private static byte[] Bytes(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)(i * 7))];

    private static HttpRequest Request(byte[] body, bool declared, int chunk = int.MaxValue)
    {
        var context = new DefaultHttpContext();
        if (declared)
        {
            context.Request.ContentLength = body.Length;
        }

        context.Request.Body = new ChunkedStream(body, chunk);
        return context.Request;
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, as a socket does.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }

    /// <summary>Sends its bytes, then fails as a connection reset by the sender does.</summary>
    private sealed class FailingStream(byte[] data) : MemoryStream(data)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("The sender reset the connection.");
        }
    }
}
