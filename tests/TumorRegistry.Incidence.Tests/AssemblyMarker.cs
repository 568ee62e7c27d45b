namespace TumorRegistry.Incidence.Tests;
