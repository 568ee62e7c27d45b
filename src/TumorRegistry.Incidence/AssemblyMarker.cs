namespace TumorRegistry.Incidence;
