namespace Switchyard.Runtime.Storage;

/// <summary>The state directory cannot be used (held by another node, damaged beyond recovery, too new); the message says what to do.</summary>
internal sealed class StateDirectoryException(string message) : Exception(message);
