/** A Spring Cloud multi-module Maven build for the observability rule tests: a parent pom and one module per service. */

/** A Maven module: its artifact ids and its application class, with extra annotations and members. */
export interface SpringModule {
  deps: string[];
  annotations?: string[];
  body?: string;
}

function pom(name: string, deps: string[]): string {
  const dependencies = deps.map(d => `    <dependency><groupId>org.springframework</groupId><artifactId>${d}</artifactId></dependency>`).join('\n');
  return [
    '<project>',
    `  <parent><groupId>org.acme</groupId><artifactId>shop-parent</artifactId></parent>`,
    `  <artifactId>${name}</artifactId>`,
    '  <dependencies>',
    dependencies,
    '  </dependencies>',
    '</project>',
    '',
  ].join('\n');
}

/** The parent pom (`spring-boot-starter-parent`, a Spring Cloud BOM) and each module's pom and application class. */
export function springCloud(modules: Record<string, SpringModule>): Record<string, string> {
  const files: Record<string, string> = {
    'pom.xml': [
      '<project>',
      '  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId></parent>',
      '  <artifactId>shop-parent</artifactId>',
      `  <modules>${Object.keys(modules).map(m => `<module>${m}</module>`).join('')}</modules>`,
      '  <dependencyManagement><dependencies>',
      '    <dependency><groupId>org.springframework.cloud</groupId><artifactId>spring-cloud-dependencies</artifactId></dependency>',
      '  </dependencies></dependencyManagement>',
      '</project>',
      '',
    ].join('\n'),
  };
  for (const [name, module] of Object.entries(modules)) {
    const cls = name.replace(/(?:^|-)(\w)/g, (_, c: string) => c.toUpperCase());
    files[`${name}/pom.xml`] = pom(name, module.deps);
    files[`${name}/src/main/java/org/acme/${cls}Application.java`] = [
      'package org.acme;',
      '',
      ...(module.annotations ?? []),
      '@SpringBootApplication',
      `public class ${cls}Application {`,
      `    public static void main(String[] args) { SpringApplication.run(${cls}Application.class, args); }`,
      ...(module.body ? [module.body] : []),
      '}',
      '',
    ].join('\n');
  }
  return files;
}

/**
 * A Maven build whose parent pom only manages Spring Boot's web and security starters (`<dependencyManagement>`, no
 * `<dependencies>`) and whose `shop` module declares the given artifacts and runs the application.
 */
export function managedParent(deps: string[], files: Record<string, string> = {}): Record<string, string> {
  const managed = ['spring-boot-starter-web', 'spring-boot-starter-security', 'spring-boot-starter-actuator']
    .map(a => `    <dependency><groupId>org.springframework.boot</groupId><artifactId>${a}</artifactId></dependency>`)
    .join('\n');
  return {
    'pom.xml': [
      '<project>',
      '  <artifactId>shop-parent</artifactId>',
      '  <packaging>pom</packaging>',
      '  <modules><module>shop</module></modules>',
      '  <dependencyManagement><dependencies>',
      managed,
      '  </dependencies></dependencyManagement>',
      '</project>',
      '',
    ].join('\n'),
    'shop/pom.xml': pom('shop', deps),
    'shop/src/main/java/org/acme/ShopApplication.java': [
      'package org.acme;',
      '',
      '@SpringBootApplication',
      'public class ShopApplication {',
      '    public static void main(String[] args) { SpringApplication.run(ShopApplication.class, args); }',
      '}',
      '',
    ].join('\n'),
    ...files,
  };
}
