using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainService.Jobs.Persistence.Migrations.Postgres
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EpochBudget",
                table: "Jobs",
                type: "integer",
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
