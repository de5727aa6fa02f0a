/**
 * Fixtures of an ASP.NET Core server that gets its telemetry from a shared defaults project of the solution,
 * for the observability rules' tests.
 */
import type { FixtureFiles } from '../../testing/fixtures';

export interface ServiceDefaultsOptions {
  /** The server's project file references the defaults project (otherwise only its extension method is called). */
  reference?: boolean;
  /** The defaults project sets OpenTelemetry up (otherwise it only references the packages). */
  configured?: boolean;
  /** The set-up lives in a test project rather than in a project the server runs. */
  inTests?: boolean;
  /** Extra code of the defaults' extension method. */
  extra?: string;
}

const OTEL_SETUP = [
  '        builder.Logging.AddOpenTelemetry(o => o.IncludeScopes = true);',
  '        builder.Services.AddOpenTelemetry()',
  '            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation())',
  '            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())',
  '            .UseOtlpExporter();',
].join('\n');

/** A server `Shipping.Api` calling `builder.AddPlatformDefaults()`, defined in the `Platform.Defaults` project. */
export function serviceDefaults(options: ServiceDefaultsOptions = {}): FixtureFiles {
  const { reference = true, configured = true, inTests = false, extra = '' } = options;
  const home = inTests ? 'tests/Platform.Defaults' : 'src/Platform.Defaults';
  const setup = configured ? OTEL_SETUP : '        // telemetry is wired up by the hosting platform';
  return {
    'src/Shipping.Api/Shipping.Api.csproj': [
      '<Project Sdk="Microsoft.NET.Sdk.Web">',
      reference ? `  <ItemGroup><ProjectReference Include="..\\..\\${home.replace('/', '\\')}\\Platform.Defaults.csproj" /></ItemGroup>` : '',
      '</Project>',
    ].join('\n'),
    'src/Shipping.Api/Program.cs': [
      'var builder = WebApplication.CreateBuilder(args);',
      'builder.AddPlatformDefaults();',
      'var app = builder.Build();',
      'app.MapGet("/parcels", () => Results.Ok());',
      'app.Run();',
      '',
    ].join('\n'),
    [`${home}/Platform.Defaults.csproj`]: [
      '<Project Sdk="Microsoft.NET.Sdk">',
      '  <ItemGroup>',
      '    <FrameworkReference Include="Microsoft.AspNetCore.App" />',
      '    <PackageReference Include="OpenTelemetry.Extensions.Hosting" />',
      '    <PackageReference Include="OpenTelemetry.Instrumentation.AspNetCore" />',
      '    <PackageReference Include="OpenTelemetry.Exporter.OpenTelemetryProtocol" />',
      '  </ItemGroup>',
      '</Project>',
    ].join('\n'),
    [`${home}/PlatformExtensions.cs`]: [
      'namespace Microsoft.Extensions.Hosting;',
      '',
      'public static class PlatformExtensions',
      '{',
      '    public static TBuilder AddPlatformDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder',
      '    {',
      setup,
      extra,
      '        return builder;',
      '    }',
      '}',
      '',
    ].join('\n'),
  };
}
