using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Runtime.Hosting;

namespace Switchyard.Tests.Hosting;

public sealed class MembershipClockTests
{
    [Fact]
    public void GetElapsedTime_FromTimestampZero_OnlySinceTheClockWasMade()
    {
        // Orleans' watchdog can read a timestamp it has not set yet (0): that must measure the node's age, not the machine's uptime.
        var clock = new MembershipClock();
        Assert.True(clock.GetElapsedTime(0) < TimeSpan.FromSeconds(5), $"{clock.GetElapsedTime(0)} since timestamp 0");
        Assert.True(TimeProvider.System.GetElapsedTime(0) > clock.GetElapsedTime(0));
    }

    [Fact]
    public void GetElapsedTime_BetweenTwoTimestamps_RealTime()
    {
        var clock = new MembershipClock();
        var stopwatch = Stopwatch.StartNew();
        var start = clock.GetTimestamp();
        SpinWait.SpinUntil(() => stopwatch.Elapsed >= TimeSpan.FromMilliseconds(30));
        var measured = clock.GetElapsedTime(start);
        stopwatch.Stop();

        Assert.Equal(Stopwatch.Frequency, clock.TimestampFrequency);
        Assert.InRange(measured, TimeSpan.FromMilliseconds(30), stopwatch.Elapsed);
        Assert.True(Math.Abs((clock.GetUtcNow() - DateTimeOffset.UtcNow).TotalSeconds) < 1, "wall-clock time is the system's");
    }

    [Fact]
    public void Watchdog_OfThisOrleansVersion_TakesTheMembershipClock()
    {
        // What the clock mends is read through this key: if an Orleans upgrade changes it, the mend no longer applies.
        var watchdog = Type.GetType("Orleans.Runtime.Watchdog, Orleans.Runtime", throwOnError: true)!;
        var clock = Assert.Single(watchdog.GetConstructors().Single().GetParameters(), p => p.ParameterType == typeof(TimeProvider));
        Assert.Equal(TimeProviderNames.Membership, clock.GetCustomAttribute<FromKeyedServicesAttribute>()?.Key);
    }

    [Fact]
    public async Task Node_MembershipTimeProvider_IsTheMembershipClock()
    {
        var options = EmbeddedNode.Options("clock", Directory.CreateTempSubdirectory("switchyard-embedded-").FullName);
        await using var app = await EmbeddedNode.StartAsync(options, _ => { });
        try
        {
            Assert.IsType<MembershipClock>(app.Services.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Membership));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
