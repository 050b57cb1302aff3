using System.Reflection;

namespace Switchyard.Runtime.Backends;

/// <summary>The constructor chosen for a backend and the value of each parameter bound to an init arg.</summary>
/// <param name="Constructor">The constructor to call.</param>
/// <param name="Values">One per parameter: the bound value, or unused where <paramref name="FromServices"/> is true.</param>
/// <param name="FromServices">One per parameter: true when the parameter is injected rather than bound.</param>
internal sealed record InitArgBinding(ConstructorInfo Constructor, object?[] Values, bool[] FromServices);
