using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainService.Jobs.Persistence;

/// <summary>The API keys table: looked up by prefix, unique by hash.</summary>
internal static class ApiKeyRowMapping
{
    public static void Configure(EntityTypeBuilder<ApiKeyRow> key)
    {
        key.HasKey(k => k.Id);
        key.Property(k => k.Prefix).HasMaxLength(32);
        key.Property(k => k.Hash).HasMaxLength(64);
        key.Property(k => k.Name).HasMaxLength(200);
        key.Property(k => k.Owner).HasMaxLength(200);
        key.Property(k => k.Scopes).HasMaxLength(100);
        key.HasIndex(k => k.Prefix);
        key.HasIndex(k => k.Hash).IsUnique();
    }
}
