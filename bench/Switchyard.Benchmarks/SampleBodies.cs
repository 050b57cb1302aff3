using System.Globalization;
using System.Text;

namespace Switchyard.Benchmarks;

/// <summary>Request bodies like the ones bench/post-floats.lua sends: a JSON array of random floats with six decimals.</summary>
internal static class SampleBodies
{
    public const int MlpFeatures = 256;

    public static byte[] FloatArray(int count, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(random.NextSingle().ToString("F6", CultureInfo.InvariantCulture));
        }

        return Encoding.UTF8.GetBytes(text.Append(']').ToString());
    }

    /// <summary>The path of a file in the repository's <c>models/</c> folder, found from the working directory or this assembly.</summary>
    public static string ModelPath(string file)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "models", file);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"models/{file} not found above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'.");
    }
}
