using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TrainService.Jobs.Access;

namespace TrainService.Jobs.Persistence;

/// <summary>
/// Job metadata, metric series and checkpoint rows. Blobs live in the artifact store. The model is
/// one; each database provider has its own subclass only so that it has its own migrations
/// (<see cref="SqliteTrainDbContext"/>, <see cref="PostgresTrainDbContext"/>).
/// Ownership is enforced here, once per resource: the query filters below show a caller only
/// its owner's jobs, datasets and studies (and checkpoints through their job), so another
/// owner's id reads as missing everywhere; new owned rows get the caller's owner.
/// </summary>
internal class TrainDbContext : DbContext
{
    /// <summary>Sees every owner: design-time tools and tests that build a context by hand.</summary>
    public TrainDbContext(DbContextOptions options) : this(options, OwnerVisibility.Everything) { }

    /// <param name="options">The provider and connection.</param>
    /// <param name="visibility">Whose rows this context shows and stamps (TrainDbContextFactory passes the caller's).</param>
    public TrainDbContext(DbContextOptions options, OwnerVisibility visibility) : base(options)
    {
        Owner = visibility.Owner;
        SeesEveryOwner = visibility.SeesEveryOwner;
    }

    /// <summary>The caller's owner, fixed for the context's life (read by the query filters, stamped on inserts).</summary>
    public string Owner { get; }
    public bool SeesEveryOwner { get; }

    public DbSet<JobRow> Jobs => Set<JobRow>();
    public DbSet<MetricRow> Metrics => Set<MetricRow>();

    /// <summary>Metric rows on one axis, untracked: what every reader of series starts from.</summary>
    public IQueryable<MetricRow> MetricsOn(MetricAxis axis) => Metrics.AsNoTracking().Where(m => m.Axis == axis);

    public DbSet<CheckpointRow> Checkpoints => Set<CheckpointRow>();
    public DbSet<DatasetRow> Datasets => Set<DatasetRow>();
    public DbSet<PathologyEventRow> PathologyEvents => Set<PathologyEventRow>();
    public DbSet<StudyRow> Studies => Set<StudyRow>();
    public DbSet<StudyJobRow> StudyJobs => Set<StudyJobRow>();
    public DbSet<WorkerRow> Workers => Set<WorkerRow>();
    public DbSet<JobAttemptRow> JobAttempts => Set<JobAttemptRow>();
    public DbSet<SuiteRunRow> SuiteRuns => Set<SuiteRunRow>();
    public DbSet<SuiteScheduleRow> SuiteSchedules => Set<SuiteScheduleRow>();
    public DbSet<ApiKeyRow> ApiKeys => Set<ApiKeyRow>();

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
            // Per owner: two owners may pick the same key without seeing each other's jobs.
            job.HasIndex(j => new { j.Owner, j.IdempotencyKey }).IsUnique();
            job.Property(j => j.IdempotencyKey).HasMaxLength(200);
            job.Property(j => j.TraceParent).HasMaxLength(55); // 00-<32 hex>-<16 hex>-<2 hex>
            OwnedBy(job);
            job.HasQueryFilter(j => SeesEveryOwner || j.Owner == Owner);
        });
        // Name before step: most reads want named series (a study's objective, the loss per step), and a job's rows on one axis are still one range.
        model.Entity<MetricRow>().HasKey(m => new { m.JobId, m.Axis, m.Name, m.Step });
        model.Entity<CheckpointRow>(checkpoint =>
        {
            checkpoint.HasKey(c => new { c.JobId, c.Name });
            checkpoint.HasQueryFilter(c => SeesEveryOwner || Jobs.Any(j => j.Id == c.JobId && j.Owner == Owner));
        });
        model.Entity<DatasetRow>(dataset =>
        {
            DatasetRowMapping.Configure(dataset);
            OwnedBy(dataset);
            dataset.HasQueryFilter(d => SeesEveryOwner || d.Owner == Owner);
        });
        model.Entity<PathologyEventRow>().HasKey(e => new { e.JobId, e.Kind, e.Layer, e.Step });
        model.Entity<StudyRow>(study =>
        {
            study.HasKey(s => s.Id);
            OwnedBy(study);
            study.HasQueryFilter(s => SeesEveryOwner || s.Owner == Owner);
        });
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
        model.Entity<SuiteRunRow>(run =>
        {
            run.HasKey(r => r.Id);
            run.Property(r => r.Suite).HasMaxLength(64);
            run.Property(r => r.Size).HasMaxLength(64);
            run.Property(r => r.Trigger).HasMaxLength(16);
            run.HasIndex(r => new { r.Suite, r.CreatedAt });
        });
        model.Entity<SuiteScheduleRow>(schedule =>
        {
            schedule.HasKey(s => s.Suite);
            schedule.Property(s => s.Suite).HasMaxLength(64);
            schedule.Property(s => s.Size).HasMaxLength(64);
        });
        model.Entity<ApiKeyRow>(ApiKeyRowMapping.Configure);
    }

    static void OwnedBy<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> row) where T : class, IOwnedRow =>
        row.Property(r => r.Owner).HasMaxLength(200).IsRequired().HasDefaultValue("");

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampOwner();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        StampOwner();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
    }

    void StampOwner()
    {
        foreach (var entry in ChangeTracker.Entries<IOwnedRow>())
            if (entry.State == EntityState.Added && entry.Entity.Owner.Length == 0)
                entry.Entity.Owner = Owner;
    }
}
