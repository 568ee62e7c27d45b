using TumorRegistry.Infrastructure.Postgres;

namespace TumorRegistry.Integration.Tests.Infrastructure;

public sealed class LocalPostgresServerTests
{
    [Fact]
    public void Without_server_binaries_the_error_says_what_to_install_or_run()
    {
        var empty = Directory.CreateTempSubdirectory("no-postgres-").FullName;
        var error = Assert.Throws<InvalidOperationException>(() => LocalPostgresServer.FindBinDirectory(null, empty));
        Assert.Contains("apt-get install postgresql", error.Message);
        Assert.Contains("docker compose up -d db", error.Message);
        Assert.Contains("TUMORREGISTRY_DB", error.Message);
    }

    [Fact]
    public void The_newest_installed_version_is_preferred_when_pg_config_is_absent()
    {
        var root = Directory.CreateTempSubdirectory("pg-versions-").FullName;
        foreach (var version in new[] { "9", "15", "13" })
        {
            var bin = Directory.CreateDirectory(Path.Combine(root, version, "bin")).FullName;
            File.WriteAllText(Path.Combine(bin, "initdb"), "");
            File.WriteAllText(Path.Combine(bin, "pg_ctl"), "");
        }
        Assert.Equal(Path.Combine(root, "15", "bin"), LocalPostgresServer.FindBinDirectory(null, root));
    }
}
