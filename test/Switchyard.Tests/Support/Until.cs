namespace Switchyard.Tests.Support;

/// <summary>Waits for a condition with a bound, failing with what was waited for (never a fixed sleep).</summary>
internal static class Until
{
    public static async Task TrueAsync(Func<bool> condition, string what, int seconds = 10)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {seconds} s waiting for: {what}");
            }

            await Task.Delay(5);
        }
    }
}
