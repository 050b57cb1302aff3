namespace Switchyard.EndToEnd.Tests;

/// <summary>A real <c>redis-server</c> that requires a password.</summary>
public sealed class PasswordRedisServer : RedisServer
{
    public const string Secret = "r3dis-Secret-7f1c";

    public PasswordRedisServer()
        : base(Secret)
    {
    }
}
