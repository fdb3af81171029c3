using System.Security.Claims;
using Ipt.Cluster.Gateway.Identity;
using Microsoft.Extensions.Time.Testing;

namespace Ipt.Cluster.Gateway.Tests;

public sealed class ValidatedTokensTests
{
    private static readonly DateTime Issued = new(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Issued));

    private ValidatedTokens Tokens(int capacity = ValidatedTokens.DefaultCapacity) =>
        new(new TokenLifetime(_clock, TimeSpan.FromSeconds(5)), capacity);

    private static ClaimsPrincipal Principal(string user) => new(new ClaimsIdentity([new Claim("sub", user)], "Bearer"));

    [Fact]
    public void The_same_token_gets_the_principal_of_its_first_validation()
    {
        var tokens = Tokens();
        var principal = Principal("t-1");
        tokens.Add("header.payload.signature", principal, Issued, Issued.AddMinutes(15));

        Assert.True(tokens.TryGet("header.payload.signature", out var found));
        Assert.Same(principal, found);
    }

    [Fact]
    public void A_token_differing_in_one_character_is_validated_afresh()
    {
        var tokens = Tokens();
        tokens.Add("header.payload.signature", Principal("t-1"), Issued, Issued.AddMinutes(15));

        Assert.False(tokens.TryGet("header.payload.signaturf", out _));
        Assert.False(tokens.TryGet("header.payload.signature ", out _));
    }

    [Fact]
    public void An_expired_token_is_refused_and_forgotten_even_though_it_was_valid_once()
    {
        var tokens = Tokens();
        tokens.Add("header.payload.signature", Principal("t-1"), Issued, Issued.AddMinutes(15));

        _clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(4));
        Assert.True(tokens.TryGet("header.payload.signature", out _));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(tokens.TryGet("header.payload.signature", out _));
        Assert.Equal(0, tokens.Count);
    }

    [Fact]
    public void The_cache_stays_within_its_capacity()
    {
        var tokens = Tokens(capacity: 3);
        for (var i = 0; i < 10; i++) tokens.Add($"token-{i}", Principal($"t-{i}"), null, Issued.AddMinutes(15));

        Assert.InRange(tokens.Count, 1, 3);
        Assert.True(tokens.TryGet("token-9", out var newest));
        Assert.Equal("t-9", newest.FindFirst("sub")?.Value);
    }
}
