namespace TumorRegistry.Api.Exchange;

/// <summary>
/// Where uploaded imports wait for their background job and finished exports wait to be downloaded: Exchange:Folder,
/// else a folder under the system's temp directory. Service processes on several hosts must share it (a volume).
/// </summary>
public sealed class ExchangeFolder(string root, long maxUploadBytes = 8L << 30)
{
    public const string Setting = "Exchange:Folder";
    public const string MaxUploadSetting = "Exchange:MaxUploadBytes";

    /// <summary>Largest upload accepted (Exchange:MaxUploadBytes, default 8 GiB).</summary>
    public long MaxUploadBytes { get; } = maxUploadBytes;

    public string Root { get; } = Directory.CreateDirectory(root).FullName;

    public static ExchangeFolder From(IConfiguration configuration) =>
        new(configuration[Setting] is { Length: > 0 } f ? f : Path.Combine(Path.GetTempPath(), "tumorregistry-exchange"),
            long.TryParse(configuration[MaxUploadSetting], out var max) && max > 0 ? max : 8L << 30);

    public string Upload(Guid batchId) => Path.Combine(Root, $"import-{batchId:N}.xml");

    public string Export(Guid exportId) => Path.Combine(Root, $"export-{exportId:N}.part");
}
