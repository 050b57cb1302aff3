using Switchyard.Onnx;
using Switchyard.Runtime.Hosting;

namespace Switchyard.Cli;

/// <summary>The backends every <c>switchyard</c> node can deploy without <c>--assembly</c>.</summary>
internal static class BuiltInBackends
{
    public static SwitchyardBuilder AddBuiltInBackends(this SwitchyardBuilder builder) =>
        builder.AddBackend<OnnxBackend>(OnnxBackend.Alias);
}
