namespace Switchyard.Onnx;

/// <summary>
/// The graph inputs and outputs declared in an <c>.onnx</c> file, read straight from its protobuf without loading
/// the model (the weights are skipped), so the controller can judge a spec without ONNX Runtime.
/// </summary>
internal sealed class OnnxModelFile
{
    // Field numbers of onnx.proto: ModelProto.graph; GraphProto.initializer/input/output; TensorProto.name;
    // ValueInfoProto.name/type; TypeProto.tensor_type; TypeProto.Tensor.shape; TensorShapeProto.dim;
    // Dimension.dim_value/dim_param.
    private const int ModelGraph = 7;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;
    private const int TensorName = 8;
    private const int ValueName = 1;
    private const int ValueType = 2;
    private const int TypeTensor = 1;
    private const int TensorShape = 2;
    private const int ShapeDim = 1;
    private const int DimValue = 1;

    private OnnxModelFile(List<Declared> inputs, List<Declared> outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>The graph inputs that are not initializers (what a caller must feed).</summary>
    public IReadOnlyList<Declared> Inputs { get; }

    public IReadOnlyList<Declared> Outputs { get; }

    public static OnnxModelFile Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        var reader = new ProtoReader(stream);
        var inputs = new List<Declared>();
        var outputs = new List<Declared>();
        var initializers = new HashSet<string>(StringComparer.Ordinal);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field != ModelGraph || wire != 2)
            {
                reader.Skip(wire);
                continue;
            }

            var model = reader.Enter();
            while (reader.TryReadTag(out var graphField, out var graphWire))
            {
                switch (graphField)
                {
                    case GraphInitializer when graphWire == 2:
                        initializers.Add(ReadInitializerName(reader));
                        break;
                    case GraphInput when graphWire == 2:
                        inputs.Add(ReadValueInfo(reader));
                        break;
                    case GraphOutput when graphWire == 2:
                        outputs.Add(ReadValueInfo(reader));
                        break;
                    default:
                        reader.Skip(graphWire);
                        break;
                }
            }

            reader.Exit(model);
        }

        return new OnnxModelFile([.. inputs.Where(i => !initializers.Contains(i.Name))], outputs);
    }

    /// <summary>Why the model cannot batch when it returns <paramref name="outputs"/> (null: all its tensor outputs), or null.</summary>
    public string? UnbatchableReason(IReadOnlyList<string>? outputs)
    {
        var returned = Outputs.Where(o => o.IsTensor && (outputs is null || outputs.Contains(o.Name)));
        return OnnxModel.FindUnbatchable(
            Inputs.Select(i => (i.Name, i.Dims ?? [])),
            returned.Select(o => (o.Name, o.Dims ?? [])));
    }

    private static string ReadInitializerName(ProtoReader reader)
    {
        var outer = reader.Enter();
        var name = string.Empty;
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == TensorName && wire == 2)
            {
                name = reader.ReadString();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        reader.Exit(outer);
        return name;
    }

    private static Declared ReadValueInfo(ProtoReader reader)
    {
        var outer = reader.Enter();
        var name = string.Empty;
        var isTensor = false;
        long[]? dims = null;
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == ValueName && wire == 2)
            {
                name = reader.ReadString();
            }
            else if (field == ValueType && wire == 2)
            {
                (isTensor, dims) = ReadType(reader);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        reader.Exit(outer);
        return new Declared(name, isTensor, dims);
    }

    private static (bool IsTensor, long[]? Dims) ReadType(ProtoReader reader)
    {
        var outer = reader.Enter();
        var isTensor = false;
        long[]? dims = null;
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == TypeTensor && wire == 2)
            {
                isTensor = true;
                var tensor = reader.Enter();
                while (reader.TryReadTag(out var tensorField, out var tensorWire))
                {
                    if (tensorField == TensorShape && tensorWire == 2)
                    {
                        dims = ReadShape(reader);
                    }
                    else
                    {
                        reader.Skip(tensorWire);
                    }
                }

                reader.Exit(tensor);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        reader.Exit(outer);
        return (isTensor, dims);
    }

    private static long[] ReadShape(ProtoReader reader)
    {
        var outer = reader.Enter();
        var dims = new List<long>();
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field != ShapeDim || wire != 2)
            {
                reader.Skip(wire);
                continue;
            }

            var dim = reader.Enter();
            var value = -1L;
            while (reader.TryReadTag(out var dimField, out var dimWire))
            {
                if (dimField == DimValue && dimWire == 0)
                {
                    var declared = (long)reader.ReadVarint();
                    value = declared < 0 ? -1 : declared;
                }
                else
                {
                    reader.Skip(dimWire);
                }
            }

            reader.Exit(dim);
            dims.Add(value);
        }

        reader.Exit(outer);
        return [.. dims];
    }

    /// <summary>One declared graph input or output: its name, whether it is a tensor, and its dimensions (-1 dynamic; null when not declared).</summary>
    internal sealed record Declared(string Name, bool IsTensor, long[]? Dims);
}
