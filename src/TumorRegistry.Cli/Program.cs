using System.CommandLine;
using TumorRegistry.Cli.Database;
using TumorRegistry.Cli.Exchange;
using TumorRegistry.Cli.Incidence;
using TumorRegistry.Cli.Quality;
using TumorRegistry.Cli.Security;
using TumorRegistry.Cli.Survival;

var root = new RootCommand("TumorRegistry command line: database, projections, statistics from extracts.");
DatabaseCommands.AddTo(root);
ImportNaaccrCommand.AddTo(root);
SurvivalCommand.AddTo(root);
SurvivalReportCommand.AddTo(root);
ImportLifeTableCommand.AddTo(root);
IncidenceCommands.AddTo(root);
SecurityCommands.AddTo(root);
TumorRegistry.Cli.Synthetic.GenerateCommand.AddTo(root);
QualityCommand.AddTo(root);
return await root.Parse(args).InvokeAsync();
