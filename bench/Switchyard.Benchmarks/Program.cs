using BenchmarkDotNet.Running;

namespace Switchyard.Benchmarks;

/// <summary>
/// <c>Switchyard.Benchmarks [BenchmarkDotNet arguments]</c> runs the micro-benchmarks (e.g. <c>--filter '*'</c>);
/// <c>Switchyard.Benchmarks direct --model FILE ...</c> runs the direct ONNX Runtime loop (see <see cref="DirectOnnx"/>);
/// <c>Switchyard.Benchmarks handle ...</c> runs the handle-path loop in an embedded node (see <see cref="HandlePath"/>);
/// <c>Switchyard.Benchmarks http [--bare] ...</c> measures what one HTTP request allocates, by type (see <see cref="HttpAllocations"/>).
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "direct")
        {
            return DirectOnnx.Run(args[1..], Console.Out);
        }

        if (args.Length > 0 && args[0] == "handle")
        {
            return await HandlePath.RunAsync(args[1..], Console.Out);
        }

        if (args.Length > 0 && args[0] == "http")
        {
            return await HttpAllocations.RunAsync(args[1..], Console.Out);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
