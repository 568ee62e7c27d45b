namespace TumorRegistry.Survival.Tests;
