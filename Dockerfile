# Build and run TrainService in one image: the embedded default (SQLite + Hangfire.InMemory) unless
# configured otherwise; docker-compose.yml runs the api and worker roles from this same image.
# The aspnet:10.0 image's libstdc++ already has GLIBCXX_3.4.32, so the build's native patch
# detects that and leaves libLibTorchSharp.so untouched.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props TrainService.sln ./
COPY build/ build/
COPY src/ src/
COPY suites/ suites/
# The context has no .git, so source link cannot read the commit: pass it to stamp the build
# (docker build --build-arg SOURCE_REVISION=$(git rev-parse HEAD) .); suite runs record it.
ARG SOURCE_REVISION=
RUN dotnet publish src/Api/TrainService.Api.csproj -c Release -r linux-x64 --self-contained false -o /app ${SOURCE_REVISION:+-p:SourceRevisionId=$SOURCE_REVISION}

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl for docker-compose.yml's health checks (GET /health/ready); the aspnet image has none.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    TrainService__DataDirectory=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "TrainService.Api.dll"]
