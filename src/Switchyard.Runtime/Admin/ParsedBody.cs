using System.Text.Json;
using Switchyard.Runtime.Ingress;

namespace Switchyard.Runtime.Admin;

/// <summary>An admin body read by <see cref="AdminBody"/>: the JSON, or the problem that refused it.</summary>
internal readonly record struct ParsedBody(JsonElement Json, ProblemResult? Problem);
