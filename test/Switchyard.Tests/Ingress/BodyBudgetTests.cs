using Switchyard.Runtime.Ingress;

namespace Switchyard.Tests.Ingress;

public sealed class BodyBudgetTests
{
    [Fact]
    public void TryTake_UpToTheLimit_TakenThenRefusedWithNothingTaken()
    {
        var budget = new BodyBudget(100);

        Assert.True(budget.TryTake(60));
        Assert.True(budget.TryTake(40));
        Assert.False(budget.TryTake(1));
        Assert.Equal(100, budget.Held);
    }

    [Fact]
    public void Return_WhatWasTaken_RoomAgain()
    {
        var budget = new BodyBudget(100);
        Assert.True(budget.TryTake(100));

        budget.Return(30);

        Assert.Equal(70, budget.Held);
        Assert.False(budget.TryTake(31));
        Assert.True(budget.TryTake(30));
    }

    [Fact]
    public void TryTake_ManyThreadsAtOnce_NeverPastTheLimitAndAllReturned()
    {
        var budget = new BodyBudget(1000);
        long highest = 0;
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var bytes = 1 + (i % 300);
            if (budget.TryTake(bytes))
            {
                var now = budget.Held;
                InterlockedMax(ref highest, now);
                budget.Return(bytes);
            }
        });

        Assert.InRange(highest, 1, 1000);
        Assert.Equal(0, budget.Held);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_NoRoom_Refused(long limit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BodyBudget(limit));

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
