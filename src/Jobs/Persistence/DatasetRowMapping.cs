using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainService.Jobs.Persistence;

/// <summary>The table for uploaded datasets, kept out of TrainDbContext so that file stays a table of contents.</summary>
internal static class DatasetRowMapping
{
    public static void Configure(EntityTypeBuilder<DatasetRow> dataset)
    {
        dataset.HasKey(d => d.Id);
        dataset.Property(d => d.Name).HasMaxLength(200);
        dataset.Property(d => d.Task).HasConversion<string>().HasMaxLength(16);
        dataset.HasIndex(d => d.CreatedAt);
    }
}
