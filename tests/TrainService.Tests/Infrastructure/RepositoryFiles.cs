namespace TrainService.Tests.Infrastructure;

/// <summary>Files of the checkout the tests run from (README, Dockerfile, the committed OpenAPI document).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TrainService.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("TrainService.sln not found above the test folder.");
    }
}
