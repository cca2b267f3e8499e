using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TrainService.Jobs.Persistence;

/// <summary>
/// Job metadata, metric series and checkpoint rows. Blobs live in the artifact store. The model is
/// one; each database provider has its own subclass only so that it has its own migrations
/// (<see cref="SqliteTrainDbContext"/>, <see cref="PostgresTrainDbContext"/>).
/// </summary>
internal class TrainDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<JobRow> Jobs => Set<JobRow>();
    public DbSet<MetricRow> Metrics => Set<MetricRow>();
    public DbSet<CheckpointRow> Checkpoints => Set<CheckpointRow>();
    public DbSet<DatasetRow> Datasets => Set<DatasetRow>();
    public DbSet<PathologyEventRow> PathologyEvents => Set<PathologyEventRow>();
    public DbSet<StudyRow> Studies => Set<StudyRow>();
    public DbSet<StudyJobRow> StudyJobs => Set<StudyJobRow>();
    public DbSet<WorkerRow> Workers => Set<WorkerRow>();
    public DbSet<JobAttemptRow> JobAttempts => Set<JobAttemptRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // SQLite cannot order by DateTimeOffset; stored as a sortable 64-bit value it can.
        configuration.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configuration.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<JobRow>(job =>
        {
            job.HasKey(j => j.Id);
            job.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
            job.Property(j => j.Name).HasMaxLength(200);
            job.HasIndex(j => j.CreatedAt);
            job.HasIndex(j => j.Status);
            job.HasIndex(j => j.IdempotencyKey).IsUnique();
            job.Property(j => j.IdempotencyKey).HasMaxLength(200);
        });
        model.Entity<MetricRow>().HasKey(m => new { m.JobId, m.Name, m.Step });
        model.Entity<CheckpointRow>().HasKey(c => new { c.JobId, c.Name });
        model.Entity<DatasetRow>(DatasetRowMapping.Configure);
        model.Entity<PathologyEventRow>().HasKey(e => new { e.JobId, e.Kind, e.Layer, e.Step });
        model.Entity<StudyRow>().HasKey(s => s.Id);
        model.Entity<StudyJobRow>().HasKey(s => new { s.StudyId, s.Arm, s.Seed });
        model.Entity<WorkerRow>(worker =>
        {
            worker.HasKey(w => w.Instance);
            worker.Property(w => w.Instance).HasMaxLength(200);
            worker.Property(w => w.Name).HasMaxLength(100);
            worker.Property(w => w.Device).HasMaxLength(16);
        });
        model.Entity<JobAttemptRow>(attempt =>
        {
            attempt.HasKey(a => new { a.JobId, a.Attempt });
            attempt.Property(a => a.Worker).HasMaxLength(100);
        });
    }
}
