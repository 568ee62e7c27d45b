# Builds the TumorRegistry web service. The database comes from docker-compose.yml (TUMORREGISTRY_DB).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/TumorRegistry.Api -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENTRYPOINT ["dotnet", "TumorRegistry.Api.dll"]
