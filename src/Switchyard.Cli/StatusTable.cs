using Spectre.Console;

namespace Switchyard.Cli;

/// <summary>A titled table built row by row; columns no row fills are left out, so absent features take no room.</summary>
internal sealed class StatusTable(string title, params string[] columns)
{
    private readonly List<Cell[]> _rows = [];

    public void Add(params Cell[] cells) => _rows.Add(cells);

    public Table Build()
    {
        var keep = Enumerable.Range(0, columns.Length).Where(i => i == 0 || _rows.Any(r => !string.IsNullOrEmpty(r[i].Text))).ToArray();
        var table = new Table { Title = new TableTitle(title), Border = TableBorder.Rounded };
        foreach (var i in keep)
        {
            table.AddColumn(new TableColumn(new Markup($"[bold]{Markup.Escape(columns[i])}[/]")));
        }

        foreach (var row in _rows)
        {
            table.AddRow(keep.Select(i => row[i].Render()));
        }

        return table;
    }
}
