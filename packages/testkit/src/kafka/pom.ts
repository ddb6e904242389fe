import { kafkaArtifacts } from './constants.js';

/**
 * A throwaway pom whose only job is to name the Kafka artifacts of one release, so that
 * `mvn dependency:copy-dependencies` copies them and their runtime closure into one folder.
 */
export function renderPom(version: string): string {
  const dependencies = kafkaArtifacts(version)
    .map(
      (a) =>
        `    <dependency><groupId>${a.groupId}</groupId><artifactId>${a.artifactId}</artifactId><version>${a.version}</version></dependency>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.sharq</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
${dependencies}
  </dependencies>
</project>
`;
}
