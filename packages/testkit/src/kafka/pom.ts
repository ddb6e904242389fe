import { KAFKA_ARTIFACTS, KAFKA_VERSION } from './constants.js';

/**
 * A throwaway pom whose only job is to name the Kafka artifacts, so that
 * `mvn dependency:copy-dependencies` copies them and their runtime closure into one folder.
 */
export function renderPom(): string {
  const dependencies = KAFKA_ARTIFACTS.map(
    (a) =>
      `    <dependency><groupId>${a.groupId}</groupId><artifactId>${a.artifactId}</artifactId><version>${a.version}</version></dependency>`,
  ).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.sharq</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>${KAFKA_VERSION}</version>
  <packaging>pom</packaging>
  <dependencies>
${dependencies}
  </dependencies>
</project>
`;
}
