using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>
/// The local-mode database: one SQLite file in WAL mode with synchronous=FULL, written only by
/// the group-commit writer and read through pooled read-only connections (WAL lets readers run
/// beside the writer). Disposing commits what is queued and closes the file.
/// </summary>
public sealed class EmbeddedDatabase : IAsyncDisposable, IDisposable
{
    public const string FileName = "ipt.db";

    private readonly string _readConnectionString;
    private readonly GroupCommitWriter _writer;
    private int _disposed;

    public EmbeddedDatabase(EmbeddedStoreOptions options, ILogger<EmbeddedDatabase>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, FileName);

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
            EmbeddedSchema.Apply(connection);
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
    }
}
