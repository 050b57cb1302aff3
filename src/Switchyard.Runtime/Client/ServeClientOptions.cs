namespace Switchyard.Runtime.Client;

/// <summary>Settings of <see cref="IServeClient"/>.</summary>
public sealed class ServeClientOptions
{
    /// <summary>How long create and config calls wait for replicas to settle. Default 60 s.</summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
