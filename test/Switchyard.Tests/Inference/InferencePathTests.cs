using Switchyard.Runtime.Inference;

namespace Switchyard.Tests.Inference;

public sealed class InferencePathTests
{
    [Theory]
    [InlineData("/v2", "Server", null, null)]
    [InlineData("/v2/", "Server", null, null)]
    [InlineData("/v2/health/live", "Live", null, null)]
    [InlineData("/v2/health/ready", "Ready", null, null)]
    [InlineData("/v2/models/digits", "Model", "digits", null)]
    [InlineData("/v2/models/digits/ready", "ModelReady", "digits", null)]
    [InlineData("/v2/models/digits/infer", "Infer", "digits", null)]
    [InlineData("/v2/models/digits/versions/v1", "Model", "digits", "v1")]
    [InlineData("/v2/models/digits/versions/v1/ready", "ModelReady", "digits", "v1")]
    [InlineData("/v2/models/digits/versions/v1/infer/", "Infer", "digits", "v1")]
    public void TryParse_ProtocolCall_KindModelAndVersion(string path, string kindName, string? model, string? version)
    {
        var kind = Enum.Parse<InferenceCallKind>(kindName);
        Assert.True(InferencePath.TryParse(path, out var parsed));
        Assert.Equal(new InferencePath(kind, model, version), parsed);
        Assert.Equal(kind == InferenceCallKind.Infer ? "POST" : "GET", parsed.Method);
    }

    [Theory]
    [InlineData("/v2/health")]
    [InlineData("/v2/models")]
    [InlineData("/v2/models/")]
    [InlineData("/v2/models/digits/predict")]
    [InlineData("/v2/models/digits/versions")]
    [InlineData("/v2/models/digits/versions/v1/infer/extra")]
    [InlineData("/v2/repository/index")]
    public void TryParse_UnknownProtocolPath_False(string path)
    {
        Assert.True(InferencePath.IsProtocolPath(path));
        Assert.False(InferencePath.TryParse(path, out _));
    }

    [Theory]
    [InlineData("/v2x", false)]
    [InlineData("/v1/models", false)]
    [InlineData("/digits", false)]
    [InlineData("/v2", true)]
    [InlineData("/v2/anything", true)]
    public void IsProtocolPath_OnlyV2AndBelow(string path, bool expected)
    {
        Assert.Equal(expected, InferencePath.IsProtocolPath(path));
    }
}
