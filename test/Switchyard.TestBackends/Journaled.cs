using System.Globalization;
using System.Text;

namespace Switchyard.TestBackends;

/// <summary>
/// Writes what happens to it to a journal file, one line per event (<c>constructing</c>, <c>constructed</c>,
/// <c>call</c>, <c>answered</c>, <c>cancelled</c>, <c>disposed</c>, each with the replica tag), so a test in another
/// process can count constructions, calls and disposals. Its constructor can take long (<c>start_delay_ms</c>, a
/// blocking sleep: a constructor cannot be cancelled), its calls can be slow (<c>call_delay_ms</c>, or <c>?ms=N</c>),
/// and its Dispose can throw (<c>throw_on_dispose</c>).
/// </summary>
public sealed class Journaled : IBackend, IDisposable
{
    private readonly ReplicaContext _context;
    private readonly string _journal;
    private readonly int _callDelayMs;
    private readonly bool _throwOnDispose;

    public Journaled(ReplicaContext context, string journal, int start_delay_ms = 0, int call_delay_ms = 0, bool throw_on_dispose = false)
    {
        _context = context;
        _journal = journal;
        _callDelayMs = call_delay_ms;
        _throwOnDispose = throw_on_dispose;
        Write("constructing");
        Thread.Sleep(start_delay_ms);
        Write("constructed");
    }

    public async ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken)
    {
        Write("call");
        var ms = request.Query.TryGetValue("ms", out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : _callDelayMs;
        try
        {
            await Task.Delay(ms, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Write("cancelled");
            throw;
        }

        Write("answered");
        return _context.ReplicaTag;
    }

    public void Dispose()
    {
        Write("disposed");
        if (_throwOnDispose)
        {
            throw new InvalidOperationException("Journaled was told to fail in Dispose");
        }
    }

    /// <summary>One append per line: replicas in one process write the same file at once.</summary>
    private void Write(string what)
    {
        var line = Encoding.UTF8.GetBytes($"{what} {_context.ReplicaTag}\n");
        using var file = new FileStream(_journal, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        file.Write(line);
    }
}
