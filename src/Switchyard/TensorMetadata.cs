namespace Switchyard;

/// <summary>One input or output of a model, as <c>GET /v2/models/{model}</c> describes it.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="DataType">Its element type.</param>
/// <param name="Shape">Its dimensions; -1 marks a dynamic one (for a batchable model, the first).</param>
public sealed record TensorMetadata(string Name, TensorDataType DataType, IReadOnlyList<long> Shape);
