import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import type { LabConfig } from '../lab-config';
import { startDetached, runningPid, serviceFiles, stopService, waitUntil, isPortOpen } from './processes';
import { ensureInstalled, JAVA, MAVEN } from './requirements';

const POM = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'kafka', 'pom.xml');
const JMX_EXPORTER_VERSION = '1.0.1';
const START_TIMEOUT_MS = 90_000;

export const kafkaFiles = (config: LabConfig) => serviceFiles(config.dir, 'kafka');

/** Kafka 4 moved to log4j2 (KIP-653); its jars and logging config differ from 3.x. */
function isKafka4OrLater(version: string): boolean {
  return Number(version.split('.')[0]) >= 4;
}

/**
 * Resolves the broker's classpath with Maven (which caches the jars in its local repository) and
 * writes it to a file, so later starts need neither Maven nor the network.
 */
/** The broker's classpath, kafka-clients included: also what the lab's Java clients run with. */
export function kafkaClasspath(config: LabConfig, log: (line: string) => void): string {
  return ensureKafkaJars(config, log).classpath;
}

function ensureKafkaJars(config: LabConfig, log: (line: string) => void): { classpath: string; jmxAgent: string } {
  const home = path.join(config.dir, 'kafka', config.kafkaVersion);
  const classpathFile = path.join(home, 'classpath.txt');
  const jmxAgent = path.join(home, `jmx_prometheus_javaagent-${JMX_EXPORTER_VERSION}.jar`);
  if (fs.existsSync(classpathFile) && fs.existsSync(jmxAgent)) {
    return { classpath: fs.readFileSync(classpathFile, 'utf8').trim(), jmxAgent };
  }
  ensureInstalled([JAVA, MAVEN], log);
  fs.mkdirSync(home, { recursive: true });
  log(`resolving Apache Kafka ${config.kafkaVersion} and the JMX exporter from Maven Central (once per version)`);
  const mvn = (args: string[]) => {
    try {
      execFileSync('mvn', ['-q', '-B', '-f', POM, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const output = `${(error as { stdout?: Buffer }).stdout ?? ''}${(error as { stderr?: Buffer }).stderr ?? ''}`;
      throw new Error(
        `Maven could not resolve Kafka ${config.kafkaVersion} (is the version published on Maven Central, and is it reachable?).\n` +
          `Command: mvn -f ${POM} ${args.join(' ')}\n${output.trim().split('\n').slice(-15).join('\n')}`,
      );
    }
  };
  const log4j2 = isKafka4OrLater(config.kafkaVersion) ? ['-Dkafka.log4j2'] : [];
  mvn([
    `-Dkafka.version=${config.kafkaVersion}`,
    ...log4j2,
    'dependency:build-classpath',
    '-DincludeScope=runtime',
    `-Dmdep.outputFile=${classpathFile}`,
  ]);
  mvn([
    'dependency:copy',
    `-Dartifact=io.prometheus.jmx:jmx_prometheus_javaagent:${JMX_EXPORTER_VERSION}`,
    `-DoutputDirectory=${home}`,
  ]);
  return { classpath: fs.readFileSync(classpathFile, 'utf8').trim(), jmxAgent };
}

function writeBrokerConfig(config: LabConfig): { serverProperties: string; logConfig: string; jmxConfig: string } {
  const conf = path.join(config.dir, 'kafka', 'config');
  fs.mkdirSync(conf, { recursive: true });
  const { kafka, kafkaController } = config.ports;
  const serverProperties = path.join(conf, 'server.properties');
  fs.writeFileSync(
    serverProperties,
    [
      '# Written by the Pipewatch lab; edits are overwritten on the next lab:up.',
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${kafkaController}`,
      `listeners=PLAINTEXT://127.0.0.1:${kafka},CONTROLLER://127.0.0.1:${kafkaController}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${kafka}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'inter.broker.listener.name=PLAINTEXT',
      `log.dirs=${path.join(config.dir, 'kafka', 'data')}`,
      'auto.create.topics.enable=false',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=12',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      // A lab consumer group should form at once, not after the default 3 s.
      'group.initial.rebalance.delay.ms=0',
      '',
    ].join('\n'),
  );
  const logFile = path.join(config.dir, 'logs', 'kafka-server.log');
  const logConfig = isKafka4OrLater(config.kafkaVersion)
    ? writeLog4j2Config(conf, logFile)
    : writeLog4jConfig(conf, logFile);
  const jmxConfig = path.join(conf, 'jmx-exporter.yaml');
  fs.writeFileSync(
    jmxConfig,
    [
      '# Broker metrics for Prometheus: per-topic traffic and request rates, kept small on purpose.',
      'lowercaseOutputName: true',
      'includeObjectNames:',
      '  - "kafka.server:type=BrokerTopicMetrics,*"',
      '  - "kafka.server:type=ReplicaManager,*"',
      '  - "kafka.network:type=RequestMetrics,name=RequestsPerSec,*"',
      'rules:',
      '  - pattern: "kafka.server<type=BrokerTopicMetrics, name=(.+), topic=(.+)><>Count"',
      '    name: kafka_server_brokertopicmetrics_$1_total',
      '    type: COUNTER',
      '    labels: { topic: "$2" }',
      '  - pattern: "kafka.server<type=BrokerTopicMetrics, name=(.+)><>Count"',
      '    name: kafka_server_brokertopicmetrics_$1_total',
      '    type: COUNTER',
      '  - pattern: "kafka.server<type=ReplicaManager, name=(.+)><>Value"',
      '    name: kafka_server_replicamanager_$1',
      '    type: GAUGE',
      '  - pattern: "kafka.network<type=RequestMetrics, name=RequestsPerSec, request=(.+), version=(.+)><>Count"',
      '    name: kafka_network_requests_total',
      '    type: COUNTER',
      '    labels: { request: "$1", version: "$2" }',
      '',
    ].join('\n'),
  );
  return { serverProperties, logConfig, jmxConfig };
}

function writeLog4jConfig(dir: string, logFile: string): string {
  const file = path.join(dir, 'log4j.properties');
  fs.writeFileSync(
    file,
    [
      'log4j.rootLogger=INFO, file',
      'log4j.appender.file=org.apache.log4j.FileAppender',
      `log4j.appender.file.File=${logFile}`,
      'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
      '',
    ].join('\n'),
  );
  return file;
}

function writeLog4j2Config(dir: string, logFile: string): string {
  const file = path.join(dir, 'log4j2.xml');
  fs.writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="warn">
  <Appenders>
    <File name="file" fileName="${logFile}">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
    </File>
  </Appenders>
  <Loggers>
    <Root level="info"><AppenderRef ref="file"/></Root>
  </Loggers>
</Configuration>
`,
  );
  return file;
}

function javaArgs(classpath: string, logConfig: string, version: string): string[] {
  const logProperty = isKafka4OrLater(version)
    ? `-Dlog4j2.configurationFile=${logConfig}`
    : `-Dlog4j.configuration=file:${logConfig}`;
  return ['-Xms256m', '-Xmx1g', '-XX:+UseG1GC', '-Djava.awt.headless=true', logProperty, '-cp', classpath];
}

/** Formats the KRaft metadata log once; a formatted data dir keeps its cluster id across restarts. */
function ensureFormatted(config: LabConfig, classpath: string, logConfig: string, serverProperties: string): void {
  const dataDir = path.join(config.dir, 'kafka', 'data');
  if (fs.existsSync(path.join(dataDir, 'meta.properties'))) return;
  const clusterId = Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
  execFileSync(
    'java',
    [...javaArgs(classpath, logConfig, config.kafkaVersion), 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', serverProperties],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

export async function isKafkaReady(brokers: string[]): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'pipewatch-lab-health',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export async function startKafka(config: LabConfig, log: (line: string) => void): Promise<'started' | 'running'> {
  const files = kafkaFiles(config);
  if (runningPid(files) !== undefined) {
    await waitUntil(`Kafka on ${config.brokers.join(',')}`, () => isKafkaReady(config.brokers), { timeoutMs: START_TIMEOUT_MS, files });
    return 'running';
  }
  for (const port of [config.ports.kafka, config.ports.kafkaController, config.ports.kafkaJmx]) {
    if (await isPortOpen(port)) {
      throw new Error(
        `Port ${port} on 127.0.0.1 is taken by a process the lab did not start. Stop it, or move the lab with LAB_PORT_BASE=<base> (ports base+90..base+120).`,
      );
    }
  }
  const { classpath, jmxAgent } = ensureKafkaJars(config, log);
  const { serverProperties, logConfig, jmxConfig } = writeBrokerConfig(config);
  ensureFormatted(config, classpath, logConfig, serverProperties);
  log(`starting Kafka ${config.kafkaVersion} (KRaft) on ${config.brokers.join(',')}`);
  startDetached(files, 'java', [
    `-javaagent:${jmxAgent}=127.0.0.1:${config.ports.kafkaJmx}:${jmxConfig}`,
    ...javaArgs(classpath, logConfig, config.kafkaVersion),
    'kafka.Kafka',
    serverProperties,
  ]);
  await waitUntil(`Kafka on ${config.brokers.join(',')}`, () => isKafkaReady(config.brokers), { timeoutMs: START_TIMEOUT_MS, files });
  return 'started';
}

export function stopKafka(config: LabConfig): Promise<boolean> {
  return stopService(kafkaFiles(config), 30_000);
}
