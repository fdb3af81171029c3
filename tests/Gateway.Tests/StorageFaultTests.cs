using Ipt.Cluster.Gateway.Errors;
using Ipt.Cluster.Silo.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace Ipt.Cluster.Gateway.Tests;

/// <summary>
/// When PostgreSQL refuses (a full pool, a restart), a caller is told to retry (503), never given a
/// server error; and a process does not open more connections than the server can take.
/// </summary>
public sealed class StorageFaultTests
{
    [Fact]
    public void A_database_error_raised_in_a_silo_crosses_the_grain_call_and_answers_503()
    {
        var refused = new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300");

        var crossed = RoundTrip(refused, letNpgsqlCross: true);

        Assert.Equal(503, GatewayExceptionHandler.Classify(crossed).Status);
    }

    [Fact]
    public void Without_the_setting_the_database_error_cannot_cross_which_the_caller_saw_as_a_server_error()
    {
        var refused = new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300");

        Assert.Throws<CodecNotFoundException>(() => RoundTrip(refused, letNpgsqlCross: false));
    }

    [Theory]
    [InlineData("Host=db;Username=u", PostgresStoreOptions.DefaultMaxPoolSize)]
    [InlineData("Host=db;Username=u;Maximum Pool Size=4", 4)]
    [InlineData("Host=db;Username=u;MaxPoolSize=50", 50)]
    [InlineData("Host=db;Username=u;maximum pool size=7", 7)]
    public void Each_pool_is_bounded_unless_the_connection_string_says_otherwise(string given, int expected)
    {
        var options = new PostgresStoreOptions { ConnectionString = given };

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(options.RequireConnectionString()).MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=db;Username=u", true)]
    [InlineData("Host=db;Username=u;No Reset On Close=false", false)]
    [InlineData("Host=db;Username=u;NoResetOnClose=true", true)]
    public async Task The_product_pool_skips_the_session_reset_unless_the_connection_string_asks_for_it(string given, bool skipsReset)
    {
        await using var database = new PostgresDatabase(new PostgresStoreOptions { ConnectionString = given });

        Assert.Equal(skipsReset, new NpgsqlConnectionStringBuilder(database.DataSource.ConnectionString).NoResetOnClose);
    }

    private static Exception RoundTrip(Exception error, bool letNpgsqlCross)
    {
        var services = new ServiceCollection().AddSerializer();
        if (letNpgsqlCross) PostgresStoreExtensions.LetNpgsqlErrorsCross(services);
        using var provider = services.BuildServiceProvider();
        var serializer = provider.GetRequiredService<Serializer<Exception>>();
        return serializer.Deserialize(serializer.SerializeToArray(error)) ?? throw new InvalidOperationException("The exception read back as null.");
    }
}
