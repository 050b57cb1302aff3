using Switchyard.Runtime.Admin;

namespace Switchyard.Tests.Admin;

public sealed class AdminOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new AdminOptionsValidator().Validate(null, new AdminOptions()).Succeeded);

    [Fact]
    public void Validate_OutOfRange_EveryPropertyNamed()
    {
        var result = new AdminOptionsValidator().Validate(null, new AdminOptions { MaxBodyBytes = 0, AllowedHosts = ["ok.example", "not a host"] });

        Assert.Equal(
            ["AdminOptions.MaxBodyBytes must be > 0 (got 0)", "AdminOptions.AllowedHosts 'not a host' is not a host name or address"],
            result.Failures!);
    }
}
