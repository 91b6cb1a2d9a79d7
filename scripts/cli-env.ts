import { getEnv, type Env } from "~/utils/env.server";

/** The configuration for a command; an invalid one prints the message naming the variable and exits 2. */
export function envOrExit(): Env {
  try {
    return getEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}
