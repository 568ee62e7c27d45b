namespace TumorRegistry.Survival;
