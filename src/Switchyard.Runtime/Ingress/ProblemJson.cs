using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Runtime.Ingress;

/// <summary>
/// Source-generated JSON for problem bodies (no reflection on the error path). Messages quote names
/// ('like this'), so the relaxed encoder keeps them readable instead of escaping every quote.
/// </summary>
[JsonSerializable(typeof(ProblemBody))]
internal sealed partial class ProblemJson : JsonSerializerContext
{
    /// <summary>The problem body's type info with the relaxed encoder.</summary>
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<ProblemBody> Body { get; } =
        new ProblemJson(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ProblemBody;
}
