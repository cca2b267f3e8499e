using TrainService.Jobs.Datasets;
using TrainService.Models.Validation;

namespace TrainService.Tests.Unit.Datasets;

public sealed class CsvTableReaderTests
{
    [Fact]
    public void QuotedCells_KeepCommasQuotesAndLineBreaks()
    {
        var errors = new ValidationErrors();

        var table = CsvTableReader.Read("a,\"b,c\"\r\n\"1,5\",\"he said \"\"no\"\"\nthen left\"\n\n 2 , 3 \n", 100, errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal(["a", "b,c"], table!.Columns);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(new string?[] { "1,5", "he said \"no\"\nthen left" }, table.Rows[0].AsEnumerable());
        Assert.Equal(new string?[] { "2", "3" }, table.Rows[1].AsEnumerable());
    }

    [Fact]
    public void RaggedRow_NamesRowAndLine()
    {
        var errors = new ValidationErrors();

        Assert.Null(CsvTableReader.Read("a,b\n\"x\ny\",1\n2\n", 100, errors));

        Assert.Equal(["row 2 (line 4) has 1 cells but the header has 2 columns"], errors.ToDictionary()["file"]);
    }
}
