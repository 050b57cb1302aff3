namespace Switchyard.Runtime.Ingress;

/// <summary>
/// A body read by <see cref="BodyReader"/>: its bytes when <see cref="Outcome"/> is <see cref="BodyOutcome.Read"/>,
/// and the bytes of the <see cref="BodyBudget"/> it holds, which the caller returns when its request ends.
/// </summary>
internal readonly record struct BodyRead(byte[]? Bytes, long Held, BodyOutcome Outcome)
{
    public static BodyRead Empty => new([], 0, BodyOutcome.Read);

    public static BodyRead TooLarge => new(null, 0, BodyOutcome.TooLarge);

    public static BodyRead OverBudget => new(null, 0, BodyOutcome.OverBudget);
}
