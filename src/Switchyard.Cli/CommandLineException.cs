namespace Switchyard.Cli;

/// <summary>A command line that cannot run; its message is the one line the user sees.</summary>
internal sealed class CommandLineException(string message) : Exception(message);
