using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainService.Jobs.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SuiteRunsAndSchedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SuiteRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Suite = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SuiteVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Size = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ServiceVersion = table.Column<string>(type: "TEXT", nullable: false),
                    MachineJson = table.Column<string>(type: "TEXT", nullable: false),
                    MachineKey = table.Column<string>(type: "TEXT", nullable: false),
                    StudiesJson = table.Column<string>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuiteRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SuiteSchedules",
                columns: table => new
                {
                    Suite = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Cron = table.Column<string>(type: "TEXT", nullable: false),
                    Size = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuiteSchedules", x => x.Suite);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SuiteRuns_Suite_CreatedAt",
                table: "SuiteRuns",
                columns: new[] { "Suite", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SuiteRuns");

            migrationBuilder.DropTable(
                name: "SuiteSchedules");
        }
    }
}
