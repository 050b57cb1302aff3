using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Switchyard.Protocol;

namespace Switchyard.Onnx;

/// <summary>
/// What a loaded model takes and gives, checked once at load: every input a tensor of a protocol datatype, every
/// returned output too (a sequence or map output must be left out with <c>outputs</c>), and whether the model can
/// batch: every input, and every returned output of known rank, has a dynamic first dimension.
/// </summary>
internal sealed class OnnxModel
{
    public OnnxModel(InferenceSession session, string path, IReadOnlyList<string>? outputs)
    {
        var file = Path.GetFileName(path);
        Inputs = [.. session.InputNames.Select(name => Describe(session.InputMetadata[name], name, "Input", file, null))];
        if (Inputs.Length == 0)
        {
            throw new NotSupportedException($"The model '{path}' has no inputs.");
        }

        var names = SelectOutputs(session, outputs, file);
        var tensorOutputs = session.OutputNames.Where(n => session.OutputMetadata[n].IsTensor && OnnxTypes.ToDataType(session.OutputMetadata[n].ElementDataType) is not null).ToList();
        Outputs = [.. names.Select(name => Describe(session.OutputMetadata[name], name, "Output", file, tensorOutputs))];
        InputNames = [.. Inputs.Select(i => i.Name)];
        OutputNames = [.. Outputs.Select(o => o.Name)];
        UnbatchableReason = FindUnbatchable(Inputs.Select(i => (i.Name, i.Dims)), Outputs.Select(o => (o.Name, o.Dims)));
        Metadata = new ModelMetadata([.. Inputs.Select(i => i.ToMetadata())], [.. Outputs.Select(o => o.ToMetadata())], "onnxruntime_onnx");
    }

    public OnnxTensorInfo[] Inputs { get; }

    /// <summary>The outputs returned (all tensor outputs, or those named by the <c>outputs</c> init arg).</summary>
    public OnnxTensorInfo[] Outputs { get; }

    public string[] InputNames { get; }

    public string[] OutputNames { get; }

    /// <summary>Null when the model can batch; otherwise why not.</summary>
    public string? UnbatchableReason { get; }

    public bool Batchable => UnbatchableReason is null;

    public ModelMetadata Metadata { get; }

    /// <summary>Why a model with these inputs and outputs cannot stack requests along a first dimension, or null.</summary>
    public static string? FindUnbatchable(IEnumerable<(string Name, long[] Dims)> inputs, IEnumerable<(string Name, long[] Dims)> outputs)
    {
        foreach (var (name, dims) in inputs)
        {
            if (dims.Length == 0 || dims[0] >= 0)
            {
                return $"input '{name}' has {(dims.Length == 0 ? "no dimensions" : $"a fixed first dimension (shape {Shapes.Format(dims)})")}, so requests cannot be stacked along it";
            }
        }

        // An output of unknown rank is checked when it comes back; a declared fixed first dimension cannot be split.
        foreach (var (name, dims) in outputs)
        {
            if (dims.Length > 0 && dims[0] >= 0)
            {
                return $"output '{name}' has a fixed first dimension (shape {Shapes.Format(dims)}), so it cannot be split back into requests";
            }
        }

        return null;
    }

    private static List<string> SelectOutputs(InferenceSession session, IReadOnlyList<string>? outputs, string file)
    {
        var all = session.OutputNames;
        if (outputs is null)
        {
            return [.. all];
        }

        if (outputs.Count == 0)
        {
            throw new ArgumentException("The init arg outputs is empty; name at least one output, or leave it out for all.", nameof(outputs));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in outputs)
        {
            if (!all.Contains(name))
            {
                throw new ArgumentException($"The model '{file}' has no output '{name}'; its outputs are: {string.Join(", ", all)}.", nameof(outputs));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"The init arg outputs names '{name}' twice.", nameof(outputs));
            }
        }

        return [.. outputs];
    }

    private static OnnxTensorInfo Describe(NodeMetadata metadata, string name, string kind, string file, List<string>? tensorOutputs)
    {
        if (!metadata.IsTensor)
        {
            throw new NotSupportedException(
                $"{kind} '{name}' of '{file}' is a {ValueKind(metadata.OnnxValueType)}, not a tensor, so OnnxBackend cannot {(kind == "Input" ? "feed" : "return")} it."
                + (tensorOutputs is null ? string.Empty : LeaveOut(tensorOutputs)));
        }

        var type = OnnxTypes.ToDataType(metadata.ElementDataType)
            ?? throw new NotSupportedException(
                $"{kind} '{name}' of '{file}' holds {metadata.ElementDataType} elements, which the Open Inference Protocol has no datatype for."
                + (tensorOutputs is null ? string.Empty : LeaveOut(tensorOutputs)));
        return new OnnxTensorInfo(name, type, metadata.ElementDataType, [.. metadata.Dimensions.Select(d => (long)(d < 0 ? -1 : d))]);
    }

    private static string LeaveOut(List<string> tensorOutputs) =>
        tensorOutputs.Count == 0
            ? " The model has no tensor outputs to return instead."
            : $" Leave it out with the init arg outputs, e.g. outputs: [{string.Join(", ", tensorOutputs)}] (its tensor outputs).";

    private static string ValueKind(OnnxValueType type) => type switch
    {
        OnnxValueType.ONNX_TYPE_SEQUENCE => "sequence",
        OnnxValueType.ONNX_TYPE_MAP => "map",
        OnnxValueType.ONNX_TYPE_OPTIONAL => "optional value",
        OnnxValueType.ONNX_TYPE_SPARSETENSOR => "sparse tensor",
        _ => type.ToString().Replace("ONNX_TYPE_", string.Empty, StringComparison.Ordinal).ToLower(CultureInfo.InvariantCulture),
    };
}
