using Orleans.Serialization.Cloning;

namespace Switchyard.Runtime.Routing;

/// <summary>A <see cref="TrafficTable"/> never changes, so a local call passes it as is instead of copying it.</summary>
[RegisterCopier]
internal sealed class TrafficTableCopier : ShallowCopier<TrafficTable>;
