namespace Switchyard.TestBackends;

/// <summary>
/// A tensor backend written in C#: input <c>x</c> FP32 <c>[-1, -1]</c>, output <c>y</c> = factor × x and
/// <c>total</c> FP64 <c>[-1]</c> (each row's sum of y). Waits <paramref name="delayMs"/> first (for timeouts).
/// Its own route answers with its factor as text.
/// </summary>
public sealed class Scaler(float factor = 2, int delayMs = 0) : IBackend, IInferenceBackend
{
    public ModelMetadata Metadata { get; } = new(
        [new TensorMetadata("x", TensorDataType.Fp32, [-1, -1])],
        [new TensorMetadata("y", TensorDataType.Fp32, [-1, -1]), new TensorMetadata("total", TensorDataType.Fp64, [-1])]);

    public async ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken)
    {
        if (delayMs > 0)
        {
            await Task.Delay(delayMs, cancellationToken);
        }

        if (request.Inference is not { } inference)
        {
            return factor.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var x = inference.Input("x")!;
        var y = x.AsSpan<float>().ToArray().Select(v => v * factor).ToArray();
        var rows = (int)x.Shape[0];
        var width = rows == 0 ? 0 : y.Length / rows;
        var totals = Enumerable.Range(0, rows).Select(r => y.Skip(r * width).Take(width).Sum(v => (double)v)).ToArray();
        return new InferenceResponse([InferenceTensor.Create("y", [.. x.Shape], y), InferenceTensor.Create("total", [rows], totals)]);
    }
}
