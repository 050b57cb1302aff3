using System.Text.Json.Serialization;

namespace Switchyard.Runtime.Ingress;

/// <summary>Source-generated JSON for problem bodies (no reflection on the error path).</summary>
[JsonSerializable(typeof(ProblemBody))]
internal sealed partial class ProblemJson : JsonSerializerContext;
