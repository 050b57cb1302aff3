using System.Globalization;
using System.Text.Json;
using Switchyard.Protocol;

namespace Switchyard.Onnx;

/// <summary>
/// The endpoint's own route: a JSON array for one input (one row without the batch dimension, flat or nested, or
/// several rows nested), or <c>{"inputs": ...}</c> holding that array, or for a model with several inputs
/// <c>{"inputs": {"name": array, ...}}</c>. Numbers become the input's datatype; rows are counted from the nesting,
/// or from the element count when a row's shape is fixed.
/// </summary>
internal static class SimpleForm
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = OipLimits.MaxJsonDepth, CommentHandling = JsonCommentHandling.Skip };

    public static string? TryRead(OnnxModel model, ReadOnlySpan<byte> body, out OnnxCall? call)
    {
        call = null;
        if (body.IsEmpty)
        {
            return $"The request body is empty; {Expected(model)}.";
        }

        try
        {
            var reader = new Utf8JsonReader(body, Options);
            reader.Read();
            var inputs = new InferenceTensor?[model.Inputs.Length];
            var single = new bool[model.Inputs.Length];
            var error = reader.TokenType switch
            {
                JsonTokenType.StartArray => ReadOnly(model, ref reader, body.Length, inputs, single),
                JsonTokenType.StartObject => ReadObject(model, ref reader, body.Length, inputs, single),
                _ => $"The request body is {JsonTensorData.Describe(reader.TokenType)}; {Expected(model)}.",
            };
            if (error is null && reader.Read())
            {
                error = $"The request body has content after its JSON value; {Expected(model)}.";
            }

            return error ?? Combine(model, inputs!, single, out call);
        }
        catch (JsonException ex)
        {
            return $"The request body is not valid JSON ({ex.Message}); {Expected(model)}.";
        }
        catch (InvalidOperationException ex)
        {
            // A string that is not valid UTF-8, or an escape that is no character (half a surrogate pair).
            return $"The request body is not valid JSON text ({ex.Message}); {Expected(model)}.";
        }
    }

    private static string? ReadOnly(OnnxModel model, ref Utf8JsonReader reader, int limit, InferenceTensor?[] inputs, bool[] single) =>
        model.Inputs.Length == 1
            ? ReadInput(model, 0, ref reader, limit, inputs, single)
            : $"The model has {model.Inputs.Length} inputs ({string.Join(", ", model.InputNames)}); send {{\"inputs\": {{\"{model.InputNames[0]}\": [...], ...}}}} with each by name.";

    private static string? ReadObject(OnnxModel model, ref Utf8JsonReader reader, int limit, InferenceTensor?[] inputs, bool[] single)
    {
        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Case-insensitive like the web defaults; other properties are ignored.
            var isInputs = !found && string.Equals(reader.GetString(), "inputs", StringComparison.OrdinalIgnoreCase);
            reader.Read();
            if (!isInputs)
            {
                reader.Skip();
                continue;
            }

            found = true;
            var error = reader.TokenType switch
            {
                JsonTokenType.StartArray => ReadOnly(model, ref reader, limit, inputs, single),
                JsonTokenType.StartObject => ReadByName(model, ref reader, limit, inputs, single),
                _ => $"\"inputs\" is {JsonTensorData.Describe(reader.TokenType)}; {Expected(model)}.",
            };
            if (error is not null)
            {
                return error;
            }
        }

        return found ? null : $"The request body is a JSON object without \"inputs\"; {Expected(model)}.";
    }

    private static string? ReadByName(OnnxModel model, ref Utf8JsonReader reader, int limit, InferenceTensor?[] inputs, bool[] single)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var index = Array.IndexOf(model.InputNames, name);
            reader.Read();
            if (index < 0)
            {
                return $"The model has no input '{name}'; its inputs are: {string.Join(", ", model.InputNames)} ({Expected(model)}).";
            }

            if (inputs[index] is not null)
            {
                return $"Input '{name}' is given twice.";
            }

            if (ReadInput(model, index, ref reader, limit, inputs, single) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static string? ReadInput(OnnxModel model, int index, ref Utf8JsonReader reader, int limit, InferenceTensor?[] inputs, bool[] single)
    {
        var input = model.Inputs[index];
        var what = $"Input '{input.Name}'";
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return $"{what} is {JsonTensorData.Describe(reader.TokenType)}; {Expected(input, model.Batchable)}.";
        }

        // Every element takes at least one byte of the body, which bounds the data read; one row's size, when
        // fixed, is the likely length (more rows grow the array).
        var dims = model.Batchable ? input.RowDims : input.Dims;
        var hint = dims.Contains(-1) ? -1 : Math.Min(Shapes.ElementCount(dims), limit);
        if (JsonTensorData.TryRead(ref reader, input.DataType, hint, limit, what, out var data, out var scan) is { } problem)
        {
            return $"{problem}; {Expected(input, model.Batchable)}.";
        }

        if (ShapeOf(input, model.Batchable, scan, out single[index]) is not { } shape)
        {
            var got = scan.NestedShape is { } nested ? $"got {scan.Count} values nested as {Shapes.Format(nested)}" : $"got {scan.Count} values, nested unevenly";
            return $"{what}: {got}; {Expected(input, model.Batchable)}.";
        }

        inputs[index] = new InferenceTensor(input.Name, input.DataType, shape, data, null);
        return null;
    }

    /// <summary>The tensor shape a value's nesting and count give for <paramref name="input"/>, or null when they fit none.</summary>
    private static long[]? ShapeOf(OnnxTensorInfo input, bool batchable, JsonTensorData.Scan scan, out bool single)
    {
        single = false;
        var dims = input.Dims;
        var nested = scan.NestedShape;
        if (nested is not null && nested.Length == dims.Length && InferenceValidator.Fits(nested, dims))
        {
            return nested;
        }

        if (!batchable)
        {
            return Shapes.ElementCount(dims) == scan.Count && !dims.Contains(-1) ? dims : null;
        }

        var rowDims = input.RowDims;
        if (nested is not null && nested.Length == rowDims.Length && InferenceValidator.Fits(nested, rowDims.ToArray()))
        {
            single = true;
            return [1, .. nested];
        }

        // A fixed row shape lets any nesting (flat included) stand for whole rows.
        var rowSize = rowDims.Contains(-1) ? 0 : Shapes.ElementCount(rowDims);
        if (rowSize <= 0 || scan.Count == 0 || scan.Count % rowSize != 0)
        {
            return null;
        }

        var rows = scan.Count / rowSize;
        single = rows == 1;
        return [rows, .. rowDims];
    }

    private static string? Combine(OnnxModel model, InferenceTensor[] inputs, bool[] single, out OnnxCall? call)
    {
        call = null;
        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is null)
            {
                return $"Input '{model.InputNames[i]}' is missing; every input of the model is required ({Expected(model)}).";
            }
        }

        var rows = OnnxRequests.RowsOf(model, inputs, out var error);
        if (error is not null)
        {
            return error;
        }

        call = new OnnxCall(inputs, rows, single.All(s => s), protocol: false);
        return null;
    }

    private static string Expected(OnnxModel model) =>
        model.Inputs.Length == 1
            ? $"{Expected(model.Inputs[0], model.Batchable)}, or {{\"inputs\": [...]}} with that array"
            : $"expected {{\"inputs\": {{{string.Join(", ", model.Inputs.Select(i => $"\"{i.Name}\": [...]"))}}}}} ({string.Join("; ", model.Inputs.Select(i => Expected(i, model.Batchable)))})";

    private static string Expected(OnnxTensorInfo input, bool batchable)
    {
        var type = TensorDataTypes.WireName(input.DataType);
        if (!batchable)
        {
            return $"input '{input.Name}' takes one {type} tensor of shape {Shapes.Format(input.Dims)}";
        }

        var rowDims = input.RowDims;
        var size = rowDims.Contains(-1) ? -1 : Shapes.ElementCount(rowDims);
        return size < 0
            ? $"input '{input.Name}' takes {type} rows of shape {Shapes.Format(rowDims)} (-1: any size), as nested arrays: one row, or a list of rows"
            : $"input '{input.Name}' takes {type} rows of shape {Shapes.Format(rowDims)} ({size.ToString(CultureInfo.InvariantCulture)} values each): one row as an array (flat or nested), or several as a list of rows";
    }
}
