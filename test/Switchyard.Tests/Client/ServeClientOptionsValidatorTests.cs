using Switchyard.Runtime.Client;

namespace Switchyard.Tests.Client;

public sealed class ServeClientOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new ServeClientOptionsValidator().Validate(null, new ServeClientOptions()).Succeeded);

    [Theory]
    [InlineData(0)]
    [InlineData(100 * 24 * 3600)]
    public void Validate_SettleTimeoutOutOfRange_PropertyNamed(int seconds)
    {
        var result = new ServeClientOptionsValidator().Validate(null, new ServeClientOptions { SettleTimeout = TimeSpan.FromSeconds(seconds) });

        Assert.StartsWith("ServeClientOptions.SettleTimeout must be > 0 and at most 49 days", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }
}
