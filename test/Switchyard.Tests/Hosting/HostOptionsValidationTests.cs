using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Runtime.Admin;
using Switchyard.Runtime.Hosting;
using Switchyard.Runtime.Ingress;

namespace Switchyard.Tests.Hosting;

/// <summary>The settings of a node's parts are checked when the host starts, before the silo or a port opens.</summary>
public sealed class HostOptionsValidationTests
{
    [Fact]
    public async Task StartAsync_SettleTimeoutBeyondATimer_RefusedNamingServeClientOptions()
    {
        using var temp = new TempDirectory();
        var builder = Builder(temp, o => o.SettleTimeout = TimeSpan.FromDays(100));
        await using var app = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("ServeClientOptions.SettleTimeout must be > 0 and at most 49 days", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_IngressAndAdminLimitsZero_RefusedNamingEachProperty()
    {
        using var temp = new TempDirectory();
        var builder = Builder(temp, _ => { });
        builder.Services.Configure<IngressOptions>(o => o.MaxRequestBodyBytes = 0);
        builder.Services.Configure<AdminOptions>(o => o.MaxBodyBytes = 0);
        await using var app = builder.Build();

        var failure = await Assert.ThrowsAsync<AggregateException>(() => app.StartAsync());

        var messages = failure.InnerExceptions.Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.Contains("IngressOptions.MaxRequestBodyBytes must be > 0 (got 0)", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("AdminOptions.MaxBodyBytes must be > 0 (got 0)", StringComparison.Ordinal));
    }

    private static WebApplicationBuilder Builder(TempDirectory temp, Action<SwitchyardNodeOptions> change)
    {
        var options = EmbeddedNode.Options("checked", Path.Combine(temp.Path, "state"), change);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.AddSwitchyard(options);
        return builder;
    }
}
