namespace TumorRegistry.Standards;
