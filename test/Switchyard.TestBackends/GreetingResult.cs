namespace Switchyard.TestBackends;

/// <summary>A JSON result.</summary>
public sealed record GreetingResult(string Message);
