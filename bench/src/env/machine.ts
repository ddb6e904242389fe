/** The facts every result records so anyone can rerun it: machine, load, versions, command. */
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { KAFKA_VERSION } from '@sharq/testkit';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  freeMemoryGiB: number;
  node: string;
  kafka: string;
  platform: string;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kafka: KAFKA_VERSION,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** 1/5/15-minute load averages, rounded. */
export function loadAverage(): [number, number, number] {
  const [a = 0, b = 0, c = 0] = loadavg();
  const r = (n: number) => Math.round(n * 100) / 100;
  return [r(a), r(b), r(c)];
}
