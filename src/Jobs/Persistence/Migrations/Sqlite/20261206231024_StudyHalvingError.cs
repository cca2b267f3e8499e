using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainService.Jobs.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StudyHalvingError : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HalvingError",
                table: "Studies",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HalvingError",
                table: "Studies");
        }
    }
}
