namespace Switchyard.Benchmarks;

/// <summary>The shape of <c>Switchyard.Onnx.RequestParser.TryParse</c> (internal), bound by reflection.</summary>
internal delegate string? ParseRow(ReadOnlySpan<byte> body, Span<float> row);
