using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchyard.Protocol;

/// <summary>How protocol JSON is written: compact, and without escaping quotes or non-ASCII letters in messages.</summary>
internal static class JsonOptions
{
    /// <summary>Relaxed escaping is safe here: these bodies are always served as <c>application/json</c>, never embedded in HTML.</summary>
    public static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
