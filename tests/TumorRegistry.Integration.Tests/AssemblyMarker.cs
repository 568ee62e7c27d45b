namespace TumorRegistry.Integration.Tests;
