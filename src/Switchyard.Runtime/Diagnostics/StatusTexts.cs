using System.Globalization;

namespace Switchyard.Runtime.Diagnostics;

/// <summary>HTTP status codes as metric tag values, made once, so recording a status allocates nothing.</summary>
internal static class StatusTexts
{
    private static readonly string[] Texts = Enumerable.Range(0, 600).Select(s => s.ToString(CultureInfo.InvariantCulture)).ToArray();

    public static string Of(int status) =>
        (uint)status < (uint)Texts.Length ? Texts[status] : status.ToString(CultureInfo.InvariantCulture);
}
