/** The part of autocannon's API the benches use (the package ships no types). */
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    pipelining?: number;
    /** Seconds before a request counts as failed (default 10). */
    timeout?: number;
    requests?: Array<Request & { setupRequest?: (request: Request) => Request }>;
  };
  type Stat = { average: number; mean: number; stddev: number; min: number; max: number; total: number; p50: number; p90: number; p97_5: number; p99: number };
  export type Result = { requests: Stat; latency: Stat; throughput: Stat; errors: number; timeouts: number; non2xx: number; duration: number };
  type Instance = EventEmitter & PromiseLike<Result> & { stop: () => void };

  export default function autocannon(options: Options): Instance;
}
