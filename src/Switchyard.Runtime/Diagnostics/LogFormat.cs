namespace Switchyard.Runtime.Diagnostics;

/// <summary>How a node writes its log to the console.</summary>
public enum LogFormat
{
    /// <summary>One readable line per event: time, level, category, message.</summary>
    Text,

    /// <summary>One JSON object per line: timestamp, level, category, event id, message and the event's fields.</summary>
    Json,
}
