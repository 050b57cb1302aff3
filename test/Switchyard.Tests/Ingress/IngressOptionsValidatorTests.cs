using Switchyard.Runtime.Ingress;

namespace Switchyard.Tests.Ingress;

public sealed class IngressOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new IngressOptionsValidator().Validate(null, new IngressOptions()).Succeeded);

    [Fact]
    public void Validate_NoBodyAllowed_PropertyNamed()
    {
        var result = new IngressOptionsValidator().Validate(null, new IngressOptions { MaxRequestBodyBytes = -1 });

        Assert.Equal(["IngressOptions.MaxRequestBodyBytes must be > 0 (got -1)"], result.Failures!);
    }

    [Fact]
    public void Validate_BothOutOfRange_EveryPropertyNamed()
    {
        var result = new IngressOptionsValidator().Validate(null, new IngressOptions { MaxRequestBodyBytes = 0, MaxBufferedBodyBytes = 0 });

        Assert.Equal(
            [
                "IngressOptions.MaxRequestBodyBytes must be > 0 (got 0)",
                "IngressOptions.MaxBufferedBodyBytes must be at least IngressOptions.MaxRequestBodyBytes (0), or no body of the largest size could be read (got 0)",
            ],
            result.Failures!);
    }
}
