using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Runtime.Cluster;

/// <summary>
/// Proves, before any Orleans byte flows, that the other end of a gateway or silo connection knows the admin token,
/// so with a token set nothing reaches a grain (or a system target) from a process that lacks it. Challenge and
/// response: the accepting side sends a random nonce, the connecting side answers HMAC-SHA256(key, nonce) and learns
/// the verdict; the token itself never crosses the wire and an answer seen once cannot be replayed.
/// </summary>
internal static class LinkHandshake
{
    public const int NonceLength = 32;
    private static ReadOnlySpan<byte> Magic => "SWYD-LINK-1"u8;

    /// <summary>The HMAC key both sides derive from the admin token.</summary>
    public static byte[] KeyFrom(string token) => SHA256.HashData(Encoding.UTF8.GetBytes("switchyard-link-v1:" + token));

    /// <summary>The accepting side; false when the peer failed the challenge (the caller closes the connection).</summary>
    public static async Task<bool> AcceptAsync(IDuplexPipe transport, byte[] key, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        await transport.Output.WriteAsync((byte[])[.. Magic, .. nonce], linked.Token);
        byte[] answer;
        try
        {
            answer = await ReadExactlyAsync(transport.Input, HMACSHA256.HashSizeInBytes, linked.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or EndOfStreamException && !cancellationToken.IsCancellationRequested)
        {
            return false; // no answer in time, or the peer left: an Orleans client or silo without the token
        }

        var accepted = CryptographicOperations.FixedTimeEquals(answer, HMACSHA256.HashData(key, nonce));
        await transport.Output.WriteAsync(new[] { accepted ? (byte)1 : (byte)0 }, linked.Token);
        return accepted;
    }

    /// <summary>The connecting side; throws <see cref="UnauthorizedAccessException"/> when the node refuses the token.</summary>
    public static async Task ConnectAsync(IDuplexPipe transport, byte[] key, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        byte[] challenge;
        try
        {
            challenge = await ReadExactlyAsync(transport.Input, Magic.Length + NonceLength, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new UnauthorizedAccessException("the node did not ask for the admin token in time: is it started with the same --admin-token?");
        }

        if (!challenge.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new UnauthorizedAccessException("the node answered something other than Switchyard's token challenge: is it started with --admin-token?");
        }

        await transport.Output.WriteAsync(HMACSHA256.HashData(key, challenge.AsSpan(Magic.Length)), linked.Token);
        var verdict = await ReadExactlyAsync(transport.Input, 1, linked.Token);
        if (verdict[0] != 1)
        {
            throw new UnauthorizedAccessException("the node refused this process's admin token");
        }
    }

    private static async Task<byte[]> ReadExactlyAsync(PipeReader input, int length, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length >= length)
            {
                var bytes = buffer.Slice(0, length).ToArray();
                input.AdvanceTo(buffer.GetPosition(length));
                return bytes;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                throw new EndOfStreamException($"the connection closed after {buffer.Length} of {length} bytes of the token handshake");
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
