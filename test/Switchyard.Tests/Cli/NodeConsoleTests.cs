using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Cli;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Tests.Cli;

public sealed class NodeConsoleTests
{
    [Theory]
    [InlineData(LogFormat.Text)]
    [InlineData(LogFormat.Json)]
    public void Configure_HostingDiagnostics_OffAtEveryLevel(LogFormat format)
    {
        using var services = Logging(format);
        var factory = services.GetRequiredService<ILoggerFactory>();

        // Off at every level: ASP.NET Core's hosting then opens no logging scope and starts no Activity per request.
        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Critical));
    }

    [Theory]
    [InlineData(LogFormat.Text)]
    [InlineData(LogFormat.Json)]
    public void Configure_OtherCategories_KeepTheirLevels(LogFormat format)
    {
        using var services = Logging(format);
        var factory = services.GetRequiredService<ILoggerFactory>();

        Assert.True(factory.CreateLogger("Switchyard.Runtime.Routing.Router").IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Warning));
        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger("Orleans.Runtime.MembershipService").IsEnabled(LogLevel.Warning));
    }

    private static ServiceProvider Logging(LogFormat format) =>
        new ServiceCollection().AddLogging(logging => NodeConsole.Configure(logging, format)).BuildServiceProvider();
}
