using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>
/// A local-mode database: one SQLite file in WAL mode with synchronous=FULL, written only by its
/// group-commit writer and read through pooled read-only connections (WAL lets readers run
/// beside the writer). Disposing commits what is queued and closes the file. The main one holds
/// cases and grain state; the audit log has a file of its own (<see cref="EmbeddedAuditLog"/>).
/// </summary>
public sealed class EmbeddedDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>The main file's name.</summary>
    public static string FileName => EmbeddedSchema.Main.FileName;

    private readonly string _readConnectionString;
    private readonly GroupCommitWriter _writer;
    private int _disposed;

    /// <summary>Opens (or creates) the main file in the options' folder.</summary>
    public EmbeddedDatabase(EmbeddedStoreOptions options, ILogger<EmbeddedDatabase>? logger = null)
        : this(options, EmbeddedSchema.Main, logger)
    {
    }

    /// <summary>Opens (or creates) the file of <paramref name="schema"/>; <paramref name="opened"/> runs on the writer connection before any write.</summary>
    internal EmbeddedDatabase(EmbeddedStoreOptions options, EmbeddedSchema schema, ILogger? logger, Action<SqliteConnection>? opened = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, schema.FileName);

        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            EnableDurableWal(connection);
            schema.Apply(connection);
            opened?.Invoke(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _writer = new GroupCommitWriter(connection, options.MaxBatchSize, logger ?? NullLogger<EmbeddedDatabase>.Instance);
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>How many group commits have completed since open.</summary>
    internal long CommittedBatches => _writer.CommittedBatches;

    internal Task<TResult> WriteAsync<TResult>(WriteRequest<TResult> request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _writer.WriteAsync(request, cancellationToken);
    }

    /// <summary>An open read-only connection from the pool; dispose it to return it.</summary>
    internal SqliteConnection OpenReader()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        // Release the pooled readers' file handles first, so the writer's close is the last one
        // and checkpoints the WAL into the database file.
        using (var pooled = new SqliteConnection(_readConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        await _writer.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static void EnableDurableWal(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        // journal_mode=WAL persists in the file; synchronous=FULL is per connection and makes every
        // COMMIT fsync the WAL before it returns: that is what makes an acknowledged write durable.
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The embedded database could not switch to WAL (journal mode is '{mode}').");
        }

        command.CommandText = "PRAGMA synchronous=FULL;";
        command.ExecuteNonQuery();
        // The writer's page cache (64 MB, SQLite's default is 2 MB): index pages of a large file stay
        // in memory between group commits instead of being read again for each one.
        command.CommandText = "PRAGMA cache_size=-65536;";
        command.ExecuteNonQuery();
    }
}
