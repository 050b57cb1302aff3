namespace Switchyard.Runtime.Control.Model;

/// <summary>
/// What a caller is told when the store refused a write: the first statement of the innermost error, short enough to
/// read (store clients append pages of diagnostics, which go to the log with the whole exception instead).
/// </summary>
internal static class StoreError
{
    public const int MaxLength = 300;

    public static string Describe(Exception error)
    {
        var message = error.GetBaseException().Message;
        var end = message.IndexOfAny(['\r', '\n']);
        if (end >= 0)
        {
            message = message[..end];
        }

        var detail = message.IndexOf(" - ", StringComparison.Ordinal);
        if (detail > 0)
        {
            message = message[..detail];
        }

        message = message.Trim();
        return message.Length <= MaxLength ? message : message[..(MaxLength - 1)] + "…";
    }
}
