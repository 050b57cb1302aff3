using Microsoft.Extensions.Options;
using Switchyard.Runtime.Client;

namespace Switchyard.Tests.Client;

public sealed class SwitchyardClientOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new SwitchyardClientOptionsValidator().Validate(null, new SwitchyardClientOptions()).Succeeded);

    [Fact]
    public void Validate_BadPortAndMissingFiles_EveryPropertyNamed()
    {
        var options = new SwitchyardClientOptions { GatewayPort = 70000, TlsCertificateFile = "/no/such/node.crt", TlsCaFile = "/no/such/ca.pem" };

        var result = new SwitchyardClientOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "SwitchyardClientOptions.GatewayPort must be between 1 and 65535 (got 70000)",
                "SwitchyardClientOptions.TlsCertificateFile /no/such/node.crt: no such file",
                "SwitchyardClientOptions.TlsCaFile /no/such/ca.pem: no such file",
            ],
            result.Failures!);
    }

    [Fact]
    public async Task ConnectAsync_InvalidOptions_RefusedBeforeConnectingNamingTheProperty()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => SwitchyardClient.ConnectAsync(new SwitchyardClientOptions { GatewayPort = 0 }));

        Assert.Contains("SwitchyardClientOptions.GatewayPort must be between 1 and 65535 (got 0)", failure.Message, StringComparison.Ordinal);
    }
}
