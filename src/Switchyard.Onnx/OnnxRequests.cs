using Switchyard.Protocol;

namespace Switchyard.Onnx;

/// <summary>Turns a request (protocol tensors or the simple form) into an <see cref="OnnxCall"/>, or says why it does not fit the model.</summary>
internal static class OnnxRequests
{
    /// <summary>
    /// The most rows one request may carry, and one model run stacks. A row costs the model a row of every output,
    /// whatever the inputs hold: <c>[1000000, 0]</c> is an empty tensor but a million rows to run.
    /// </summary>
    public const int MaxRows = 65_536;

    public static string? TryPrepare(OnnxModel model, ServeRequest request, out OnnxCall? call)
    {
        call = null;
        if (request.Inference is not { } inference)
        {
            return SimpleForm.TryRead(model, request.Body.Span, out call);
        }

        if (InferenceValidator.Validate(inference, model.Metadata) is { } error)
        {
            return error;
        }

        var inputs = new InferenceTensor[model.Inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = inference.Input(model.InputNames[i])!;
        }

        var rows = RowsOf(model, inputs, out error);
        if (error is not null)
        {
            return error;
        }

        call = new OnnxCall(inputs, rows, single: false, protocol: true);
        return null;
    }

    /// <summary>The rows a request carries: every input's first dimension, which must agree and be 1 to <see cref="MaxRows"/> (1 for an unbatchable model).</summary>
    public static int RowsOf(OnnxModel model, InferenceTensor[] inputs, out string? error)
    {
        error = null;
        if (!model.Batchable)
        {
            return 1;
        }

        var rows = inputs[0].ShapeArray[0];
        foreach (var input in inputs)
        {
            if (input.ShapeArray[0] != rows)
            {
                error = $"The inputs disagree on the number of rows (their first dimension): {string.Join(", ", inputs.Select(i => $"'{TextExcerpt.Shorten(i.Name)}' has {i.ShapeArray[0]}"))}.";
                return 0;
            }
        }

        if (rows == 0)
        {
            error = $"Input '{TextExcerpt.Shorten(inputs[0].Name)}' has no rows (its first dimension is 0).";
            return 0;
        }

        if (rows > MaxRows)
        {
            error = $"Input '{TextExcerpt.Shorten(inputs[0].Name)}' has {rows} rows (its first dimension); a request carries at most {MaxRows}.";
            return 0;
        }

        return (int)rows;
    }
}
