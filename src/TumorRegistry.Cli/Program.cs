using System.CommandLine;
using TumorRegistry.Cli.Database;

var root = new RootCommand("TumorRegistry command line: database, projections, statistics from extracts.");
DatabaseCommands.AddTo(root);
return await root.Parse(args).InvokeAsync();
