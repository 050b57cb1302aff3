namespace Switchyard.Runtime.Hosting;

/// <summary>The node could not finish starting (for instance, its <c>--config</c> file is invalid); the message is one line.</summary>
internal sealed class NodeStartupException(string message) : Exception(message);
