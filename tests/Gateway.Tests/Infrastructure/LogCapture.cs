using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Ipt.Cluster.Gateway.Tests.Infrastructure;

/// <summary>One log entry as a log sink receives it: everything it would write, and its scopes' values.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Text, IReadOnlyDictionary<string, string?> Scopes);

/// <summary>
/// A logger provider that keeps every entry of the host it is added to (gateway and, in local mode,
/// the in-process silo): message, exception, structured values and scopes, as an exporter would see them.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder(formatter(state, exception));
            if (exception is not null) text.Append('\n').Append(exception);
            Append(text, state);
            var scopes = new Dictionary<string, string?>(StringComparer.Ordinal);
            owner._scopes.ForEachScope((scope, _) =>
            {
                Append(text, scope);
                if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                    foreach (var (key, value) in values) scopes[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
            }, (object?)null);
            owner._entries.Enqueue(new CapturedLog(category, logLevel, text.ToString(), scopes));
        }

        private static void Append(StringBuilder text, object? state)
        {
            text.Append('\n').Append(state);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                foreach (var (key, value) in values) text.Append('\n').Append(key).Append('=').Append(value);
        }
    }
}
