using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainService.Jobs.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StudyHalvingBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "HalvingRung",
                table: "Studies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EpochBudget",
                table: "Jobs",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HalvingRung",
                table: "Studies");

            migrationBuilder.DropColumn(
                name: "EpochBudget",
                table: "Jobs");
        }
    }
}
