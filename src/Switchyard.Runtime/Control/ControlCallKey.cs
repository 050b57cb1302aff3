namespace Switchyard.Runtime.Control;

/// <summary>
/// The idempotency key of a control call. Clients generate one per call and send it with every attempt of that call
/// in the Orleans request context, so the interface stays one method per command; the controller takes it out of the
/// context before doing anything else, so it never travels on to the calls the controller makes itself.
/// </summary>
internal static class ControlCallKey
{
    private const string ContextKey = "switchyard.call-key";

    public static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>Sends <paramref name="key"/> with the calls made from here on in this async flow.</summary>
    public static void Attach(string key) => RequestContext.Set(ContextKey, key);

    public static void Detach() => RequestContext.Remove(ContextKey);

    /// <summary>The key the current call came with, if any, removed from the context.</summary>
    public static string? Take()
    {
        var key = RequestContext.Get(ContextKey) as string;
        RequestContext.Remove(ContextKey);
        return key;
    }
}
