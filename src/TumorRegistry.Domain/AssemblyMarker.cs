namespace TumorRegistry.Domain;
