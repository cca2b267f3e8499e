using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainService.Jobs.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MetricAxis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite changes a key by copying the table. EF Core's own copy would run after any SQL of this
            // migration, while the old key (job, name, step) cannot hold the renamed rows ("step.lr" becomes
            // "lr" beside the epoch axis's "lr"); so the copy is written here and converts rows as it copies.
            migrationBuilder.CreateTable(
                name: "ef_temp_Metrics",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Axis = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Metrics", x => new { x.JobId, x.Axis, x.Name, x.Step });
                });

            migrationBuilder.Sql($"""
                INSERT INTO "ef_temp_Metrics" ("JobId", "Axis", "Name", "Step", "Value")
                SELECT "JobId", {MetricAxisConversion.AxisOfOldName}, {MetricAxisConversion.NameOfOldName}, "Step", "Value" FROM "Metrics";
                """);

            migrationBuilder.DropTable(
                name: "Metrics");

            migrationBuilder.RenameTable(
                name: "ef_temp_Metrics",
                newName: "Metrics");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(MetricAxisConversion.FromAxes);

            migrationBuilder.DropPrimaryKey(
                name: "PK_Metrics",
                table: "Metrics");

            migrationBuilder.DropColumn(
                name: "Axis",
                table: "Metrics");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Metrics",
                table: "Metrics",
                columns: new[] { "JobId", "Name", "Step" });
        }
    }
}
