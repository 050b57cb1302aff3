namespace Switchyard.Onnx.Tests;

/// <summary>
/// The 8x8 digit prototypes models/digits.onnx was trained on, read from models/digit_patterns.txt (the file
/// models/make_models.py trains from), so the tests always check the labels of what the model learned.
/// </summary>
internal static class DigitPatterns
{
    private static readonly string[][] Digits = Load();

    /// <summary>The 64 pixels of <paramref name="digit"/>'s prototype, row by row, scaled by <paramref name="ink"/>.</summary>
    public static float[] Pixels(int digit, float ink = 1f)
    {
        var pixels = new float[64];
        for (var row = 0; row < 8; row++)
        {
            for (var col = 0; col < 8; col++)
            {
                pixels[(row * 8) + col] = Digits[digit][row][col] == '#' ? ink : 0f;
            }
        }

        return pixels;
    }

    private static string[][] Load()
    {
        var lines = File.ReadAllLines(TestData.Model("digit_patterns.txt")).Where(l => !l.StartsWith('#')).Select(l => l.Trim());
        var digits = string.Join('\n', lines).Trim().Split("\n\n").Select(block => block.Split('\n')).ToArray();
        if (digits.Length != 10 || digits.Any(d => d.Length != 8 || d.Any(row => row.Length != 8)))
        {
            throw new InvalidDataException("models/digit_patterns.txt must hold ten 8x8 digits");
        }

        return digits;
    }
}
