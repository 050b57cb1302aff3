namespace Switchyard.Onnx;

/// <summary>
/// One request, prepared for the model: its inputs in the model's order, how many rows it carries, and whether it
/// came through the Open Inference Protocol (answered with tensors) or the simple form of the endpoint's own route
/// (answered with JSON; <see cref="Single"/> when it sent one row without the batch dimension).
/// </summary>
internal sealed class OnnxCall
{
    public OnnxCall(InferenceTensor[] inputs, int rows, bool single, bool protocol)
    {
        Inputs = inputs;
        Rows = rows;
        Single = single;
        Protocol = protocol;
    }

    public InferenceTensor[] Inputs { get; }

    public int Rows { get; }

    public bool Single { get; }

    public bool Protocol { get; }

    /// <summary>True when both calls' inputs agree in every dimension but the first, so they can share one run.</summary>
    public bool Stacks(OnnxCall other)
    {
        for (var i = 0; i < Inputs.Length; i++)
        {
            var a = Inputs[i].ShapeArray.AsSpan(1);
            var b = other.Inputs[i].ShapeArray.AsSpan(1);
            if (!a.SequenceEqual(b))
            {
                return false;
            }
        }

        return true;
    }
}
