using Microsoft.ML.OnnxRuntime;

namespace Switchyard.Onnx;

public sealed partial class OnnxBackend
{
    /// <summary>
    /// Runs a batch and returns one result per request, in order: an <see cref="InferenceResponse"/> for a protocol
    /// request, the own route's JSON for the others, or for a request that does not fit the model a 400
    /// problem+json <see cref="ServeResponse"/> (so one bad request does not fail the others). Requests whose
    /// inputs agree in every dimension but the first share one model run.
    /// </summary>
    /// <param name="requests">The batch, oldest request first.</param>
    /// <param name="cancellationToken">Checked before the model runs.</param>
    public ValueTask<IReadOnlyList<object?>> CallBatchAsync(IReadOnlyList<ServeRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();

        // Synchronous on purpose: the runtime calls from a thread-pool thread, and ONNX Runtime's Run blocks anyway.
        return ValueTask.FromResult<IReadOnlyList<object?>>(Run(requests));
    }

    private object?[] Run(IReadOnlyList<ServeRequest> requests)
    {
        var results = new object?[requests.Count];
        var groups = new List<List<int>>();
        var calls = new OnnxCall[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            // Prepared by the runtime before batching; prepared here when called directly.
            if (requests[i].Prepared is OnnxCall prepared)
            {
                calls[i] = prepared;
            }
            else if (OnnxRequests.TryPrepare(_model, requests[i], out var call) is { } error)
            {
                results[i] = BadRequest.Create(error);
                continue;
            }
            else
            {
                calls[i] = call!;
            }

            // A run stacks at most MaxRows rows, as a request carries: past that, a request starts a run of its own.
            var group = _model.Batchable ? groups.Find(g => calls[g[0]].Stacks(calls[i]) && RowsOf(g, calls) + calls[i].Rows <= OnnxRequests.MaxRows) : null;
            if (group is null)
            {
                groups.Add([i]);
            }
            else
            {
                group.Add(i);
            }
        }

        foreach (var group in groups)
        {
            RunGroup(group, calls, results);
        }

        return results;
    }

    private void RunGroup(List<int> group, OnnxCall[] calls, object?[] results)
    {
        try
        {
            RunStacked(group, calls, results);
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or InvalidOperationException or OverflowException)
        {
            if (group.Count > 1)
            {
                // One request's values (say, a token id out of range) can fail a whole run: run each alone so
                // only the requests that fail get the error.
                foreach (var index in group)
                {
                    RunGroup([index], calls, results);
                }

                return;
            }

            results[group[0]] = RefusedInput(ex) is { } refusal ? BadRequest.Create(refusal) : BadRequest.Problem(500, ex.GetType().Name, ex.Message);
        }
    }

    private static long RowsOf(List<int> group, OnnxCall[] calls)
    {
        long rows = 0;
        foreach (var index in group)
        {
            rows += calls[index].Rows;
        }

        return rows;
    }

    /// <summary>
    /// ONNX Runtime's InvalidArgument while running inputs that already fit the model's names, types and shapes is
    /// about their values (a token id beyond the vocabulary, an index out of range): the caller's to fix, so a 400,
    /// as Triton answers it. Anything else from the runtime stays a 500.
    /// </summary>
    private static string? RefusedInput(Exception exception)
    {
        const string InvalidArgument = "[ErrorCode:InvalidArgument]";
        return exception is OnnxRuntimeException && exception.Message.StartsWith(InvalidArgument, StringComparison.Ordinal)
            ? $"The model refused the input's values: {exception.Message[InvalidArgument.Length..].Trim()}"
            : null;
    }

    private void RunStacked(List<int> group, OnnxCall[] calls, object?[] results)
    {
        var members = group.Select(i => calls[i]).ToList();
        var totalRows = checked((int)RowsOf(group, calls)); // at most MaxRows: groups are formed within it
        var inputs = new OrtValue[_model.Inputs.Length];
        try
        {
            for (var k = 0; k < inputs.Length; k++)
            {
                inputs[k] = OrtTensors.Stack(_model.Inputs[k], k, members, totalRows, _model.Batchable);
            }

            using var outputs = _session.Run(_runOptions, _model.InputNames, inputs, _model.OutputNames);
            var shapes = new long[outputs.Count][];
            for (var o = 0; o < outputs.Count; o++)
            {
                shapes[o] = outputs[o].GetTensorTypeAndShape().Shape;
                if (_model.Batchable && (shapes[o].Length == 0 || shapes[o][0] != totalRows))
                {
                    throw new InvalidOperationException(
                        $"Output '{_model.OutputNames[o]}' of '{Path.GetFileName(ModelPath)}' has shape [{string.Join(", ", shapes[o])}] for {totalRows} rows; its first dimension must be the batch.");
                }
            }

            var firstRow = 0;
            for (var m = 0; m < members.Count; m++)
            {
                var call = members[m];
                var tensors = new InferenceTensor[outputs.Count];
                for (var o = 0; o < tensors.Length; o++)
                {
                    tensors[o] = _model.Batchable
                        ? OrtTensors.Slice(_model.Outputs[o], outputs[o], shapes[o], firstRow, call.Rows)
                        : OrtTensors.Slice(_model.Outputs[o], outputs[o], shapes[o], 0, shapes[o].Length == 0 ? 1 : (int)shapes[o][0]);
                }

                results[group[m]] = call.Protocol ? new InferenceResponse(tensors) : SimpleFormWriter.Write(tensors, call.Single);
                firstRow += call.Rows;
            }
        }
        finally
        {
            foreach (var input in inputs)
            {
                input?.Dispose();
            }
        }
    }
}
