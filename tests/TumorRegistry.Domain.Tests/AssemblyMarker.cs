namespace TumorRegistry.Domain.Tests;
