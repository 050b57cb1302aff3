namespace Switchyard.Runtime.Control.Stored;

/// <summary>The stored outcome of one successful call, kept under the idempotency key its client sent.</summary>
[GenerateSerializer, Alias("switchyard.CallRecord")]
internal sealed class CallRecord
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public int Status { get; init; }
    [Id(2)] public DeployResult? Deploy { get; init; }
}
