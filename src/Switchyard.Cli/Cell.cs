using Spectre.Console;
using Spectre.Console.Rendering;

namespace Switchyard.Cli;

/// <summary>One table cell: text, an optional colour, and an optional dim note after it.</summary>
internal readonly record struct Cell(string? Text, string? Colour = null, string? Note = null)
{
    public static implicit operator Cell(string? text) => new(text);

    /// <summary>A state coloured by what it means: green serving, yellow in transition, red not serving.</summary>
    public static Cell State(string? state) => new(state, state switch
    {
        "running" or "alive" or "succeeded" => "green",
        "starting" or "draining" or "joining" or "shutting_down" => "yellow",
        _ => "red",
    });

    public IRenderable Render()
    {
        var text = Markup.Escape(Text ?? string.Empty);
        if (Colour is not null && text.Length > 0)
        {
            text = $"[{Colour}]{text}[/]";
        }

        if (Note is not null)
        {
            text += $" [dim]{Markup.Escape(Note)}[/]";
        }

        return new Markup(text);
    }
}
