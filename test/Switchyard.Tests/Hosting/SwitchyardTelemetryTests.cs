using Switchyard.Runtime.Hosting;

namespace Switchyard.Tests.Hosting;

public sealed class SwitchyardTelemetryTests
{
    [Theory]
    [InlineData("http://127.0.0.1:4318", "http://127.0.0.1:4318/v1/traces")]
    [InlineData("http://127.0.0.1:4318/", "http://127.0.0.1:4318/v1/traces")]
    [InlineData("https://collector.example/otlp", "https://collector.example/otlp/v1/traces")]
    public void Signal_CollectorBase_SignalPathAppended(string collector, string expected) =>
        Assert.Equal(new Uri(expected), SwitchyardTelemetry.Signal(new Uri(collector), "v1/traces"));
}
