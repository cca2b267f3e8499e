using System.Net.Http.Headers;
using System.Text;

namespace TrainService.Tests.Integration.Datasets;

/// <summary>Builds POST /api/datasets bodies the way curl -F does.</summary>
public static class DatasetForms
{
    public static MultipartFormDataContent Csv(string csv, string? task, string? target, string? features = null, string fileName = "data.csv", string? contentType = "text/csv") =>
        Form(Encoding.UTF8.GetBytes(csv), fileName, contentType, task, target, features);

    public static MultipartFormDataContent Form(byte[] file, string fileName, string? contentType, string? task, string? target, string? features = null)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        if (contentType is not null) part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(part, "file", fileName);
        if (task is not null) form.Add(new StringContent(task), "task");
        if (target is not null) form.Add(new StringContent(target), "target");
        if (features is not null) form.Add(new StringContent(features), "features");
        return form;
    }
}
