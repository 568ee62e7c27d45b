using System.CommandLine;
using TumorRegistry.Cli.Database;
using TumorRegistry.Cli.Exchange;
using TumorRegistry.Cli.Incidence;
using TumorRegistry.Cli.Security;
using TumorRegistry.Cli.Survival;

var root = new RootCommand("TumorRegistry command line: database, projections, statistics from extracts.");
DatabaseCommands.AddTo(root);
ImportNaaccrCommand.AddTo(root);
ExportNaaccrCommand.AddTo(root);
SurvivalCommand.AddTo(root);
SurvivalReportCommand.AddTo(root);
ImportLifeTableCommand.AddTo(root);
IncidenceCommands.AddTo(root);
SecurityCommands.AddTo(root);
return await root.Parse(args).InvokeAsync();
