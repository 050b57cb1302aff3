using Microsoft.ML.OnnxRuntime;

namespace Switchyard.Onnx;

/// <summary>The ONNX Runtime session settings a replica's init args ask for.</summary>
internal static class OnnxSessionOptions
{
    private static readonly string[] Levels = ["disabled", "basic", "extended", "all"];

    public static SessionOptions Create(int threads, string graphOptimizationLevel, bool cuda, ReplicaContext context)
    {
        var level = Array.IndexOf(Levels, graphOptimizationLevel?.ToLowerInvariant());
        if (level < 0)
        {
            throw new ArgumentException(
                $"graph_optimization_level '{graphOptimizationLevel}' is not one of {string.Join(", ", Levels)}.", nameof(graphOptimizationLevel));
        }

        if (cuda && context.GpuIds.Count == 0)
        {
            throw new ArgumentException(
                "cuda is true but this replica has no GPU assigned: give the backend resources.num_gpus (e.g. 1) so it is placed on a node with one.", nameof(cuda));
        }

        // One replica gets its CPUs for intra-op parallelism only: the batch loop runs one model call at a time,
        // so inter-op threads and parallel execution would just oversubscribe the reserved cores.
        var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = level switch
            {
                0 => GraphOptimizationLevel.ORT_DISABLE_ALL,
                1 => GraphOptimizationLevel.ORT_ENABLE_BASIC,
                2 => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
            },
        };
        if (cuda)
        {
            try
            {
                options.AppendExecutionProvider_CUDA(context.GpuIds[0]);
            }
            catch
            {
                options.Dispose();
                throw;
            }
        }

        return options;
    }
}
