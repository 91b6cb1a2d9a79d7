// `npm test`'s last step: the vitest run (unit + integration) and the end-to-end run side by side.
// Both are mostly waiting (on PGlite, PostgreSQL, the browser), so together they take little more
// than the longer of the two, where one after the other took their sum. Each keeps its own output,
// prefixed line by line; the step fails when either fails, after both have finished.
import { spawn } from "node:child_process";

const runs = [
  { name: "vitest", args: ["vitest", "run", "--config", "tests/vitest.config.ts"] },
  { name: "e2e", args: ["playwright", "test", "--config", "tests/playwright.config.ts"] },
];

function run({ name, args }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn("npx", args, { stdio: ["ignore", "pipe", "pipe"] });
    for (const stream of [child.stdout, child.stderr]) {
      let rest = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk) => {
        const lines = (rest + chunk).split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) process.stdout.write(`[${name}] ${line}\n`);
      });
      stream.on("end", () => {
        if (rest) process.stdout.write(`[${name}] ${rest}\n`);
      });
    }
    child.on("close", (code) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      process.stdout.write(`[${name}] ${code === 0 ? "passed" : `FAILED (exit ${code})`} in ${seconds} s\n`);
      resolve(code ?? 1);
    });
  });
}

const codes = await Promise.all(runs.map(run));
process.exit(codes.every((code) => code === 0) ? 0 : 1);
